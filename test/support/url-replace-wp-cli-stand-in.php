<?php
/**
 * A small stand-in for WP-CLI's API, which cannot be installed here: it records registered commands and
 * everything a command prints, and turns WP_CLI::error() into an exit code, so tests can run a command inside
 * the real WordPress (wpEval with `define( 'WP_CLI', true ); require this file;` before wp-load.php).
 *
 *   Url_Replace_Cli_Stand_In::run( 'media-cloud replace', array(), array( 'dry-run' => true ) )
 *   → array( 'exit' => 0, 'output' => array( array( 'success', '…' ), … ) )
 *
 * @package WP_Media_Cloud
 */

namespace {
	final class Url_Replace_Cli_Exit extends Exception {}

	class WP_CLI {
		/** @var array<string, mixed> */
		public static array $commands = array();

		/** @var array<int, array<int, mixed>> */
		public static array $output = array();

		public static function add_command( string $name, $callable, array $args = array() ): bool {
			self::$commands[ $name ] = $callable;
			return true;
		}

		public static function line( string $message = '' ): void {
			self::$output[] = array( 'line', $message );
		}

		public static function log( string $message ): void {
			self::$output[] = array( 'log', $message );
		}

		public static function success( string $message ): void {
			self::$output[] = array( 'success', $message );
		}

		public static function warning( string $message ): void {
			self::$output[] = array( 'warning', $message );
		}

		/** Like WP-CLI: prints the error and ends the command with exit code 1. */
		public static function error( $message, $exit = true ): void {
			self::$output[] = array( 'error', is_wp_error( $message ) ? $message->get_error_message() : (string) $message );
			if ( $exit ) {
				throw new Url_Replace_Cli_Exit( 'exit', 1 );
			}
		}
	}

	final class Url_Replace_Cli_Stand_In {
		/**
		 * Runs a registered command as `wp <name> <args> --<assoc>` would.
		 *
		 * @return array{exit: int, output: array<int, array<int, mixed>>}
		 */
		public static function run( string $name, array $args = array(), array $assoc_args = array() ): array {
			WP_CLI::$output = array();
			$callable       = WP_CLI::$commands[ $name ] ?? null;
			if ( null === $callable ) {
				return array( 'exit' => 127, 'output' => array( array( 'error', "'$name' is not a registered command." ) ) );
			}
			$callable = is_string( $callable ) && class_exists( $callable ) ? new $callable() : $callable;
			try {
				$callable( $args, $assoc_args );
				return array( 'exit' => 0, 'output' => WP_CLI::$output );
			} catch ( Url_Replace_Cli_Exit $exit ) {
				return array( 'exit' => $exit->getCode(), 'output' => WP_CLI::$output );
			}
		}
	}
}

namespace WP_CLI\Utils {
	/** Records the rows a command prints (format, rows, fields). */
	function format_items( string $format, array $items, $fields ): void {
		\WP_CLI::$output[] = array( 'items', $format, array_values( $items ), $fields );
	}

	/** A progress bar that records how far it got. */
	function make_progress_bar( string $message, int $count ) {
		return new class( $message, $count ) {
			private int $done = 0;

			public function __construct( private string $message, private int $count ) {}

			public function tick( int $increment = 1 ): void {
				$this->done += $increment;
			}

			public function finish(): void {
				\WP_CLI::$output[] = array( 'progress', $this->message, $this->done, $this->count );
			}
		};
	}
}
