<?php
/**
 * A small stand-in for WP-CLI's output API (WP-CLI cannot be installed here). It records the commands the
 * plugin registers and everything a command prints, turns WP_CLI::error() and WP_CLI::halt() into exit codes,
 * and dispatches `wp media-cloud <sub> …` the way WP-CLI does, so command classes can be tested inside the real
 * WordPress. Load it before wp-load.php:
 *
 *   wpEval(site, "return WP_CLI_Stand_In::run( 'media-cloud status --format=json' );",
 *     { before: "define( 'WP_CLI', true ); require '…/wp-cli-stand-in.php';" })
 *   → { exit: 0, output: [ { type: 'line', message: '…' }, { type: 'items', format, items, fields }, … ] }
 *
 * @package WP_Media_Cloud
 */

namespace WP_CLI\Dispatcher {
	/** WP-CLI's base class for a command that only groups subcommands. */
	class CommandNamespace {}
}

namespace WP_CLI\Utils {
	/** Records the rows a command prints; the format and fields are kept so tests can check them. */
	function format_items( $format, $items, $fields ): void {
		$fields = is_string( $fields ) ? explode( ',', $fields ) : $fields;
		$rows   = array();
		foreach ( $items as $item ) {
			$item   = (array) $item;
			$rows[] = array_intersect_key( $item, array_flip( $fields ) );
		}
		\WP_CLI::record( array( 'type' => 'items', 'format' => $format, 'fields' => $fields, 'items' => $rows ) );
	}

	function make_progress_bar( $message, $count, $interval = 100 ) {
		return new \WP_CLI_Stand_In_Progress_Bar( (string) $message, (int) $count );
	}

	function get_flag_value( $assoc_args, $flag, $default = null ) {
		return $assoc_args[ $flag ] ?? $default;
	}
}

namespace {
	final class WP_CLI_Stand_In_Exit extends Exception {}

	/** Records its ticks: a test can check a bar was shown, sized right, and finished. */
	final class WP_CLI_Stand_In_Progress_Bar {
		private int $ticks = 0;

		public function __construct( private string $message, private int $count ) {
			WP_CLI::record( array( 'type' => 'progress', 'message' => $message, 'count' => $count ) );
		}

		public function tick( $increment = 1, $msg = null ): void {
			$this->ticks += (int) $increment;
		}

		public function finish(): void {
			WP_CLI::record( array( 'type' => 'progress-finish', 'message' => $this->message, 'ticks' => $this->ticks, 'count' => $this->count ) );
		}
	}

	class WP_CLI {
		/** @var array<string, mixed> Registered commands by name ('media-cloud status'). */
		public static array $commands = array();

		/** @var array<int, array<string, mixed>> */
		public static array $output = array();

		public static function add_command( $name, $callable, $args = array() ): bool {
			self::$commands[ (string) $name ] = $callable;
			return true;
		}

		public static function record( array $entry ): void {
			self::$output[] = $entry;
		}

		public static function line( $message = '' ): void {
			self::record( array( 'type' => 'line', 'message' => (string) $message ) );
		}

		public static function log( $message ): void {
			self::record( array( 'type' => 'log', 'message' => (string) $message ) );
		}

		public static function debug( $message, $group = false ): void {
			self::record( array( 'type' => 'debug', 'message' => (string) $message ) );
		}

		public static function success( $message ): void {
			self::record( array( 'type' => 'success', 'message' => (string) $message ) );
		}

		public static function warning( $message ): void {
			self::record( array( 'type' => 'warning', 'message' => is_wp_error( $message ) ? $message->get_error_message() : (string) $message ) );
		}

		/** Like WP-CLI: prints "Error: …" and ends the command with exit code 1 (unless $exit is false). */
		public static function error( $message, $exit = true ): void {
			self::record( array( 'type' => 'error', 'message' => is_wp_error( $message ) ? $message->get_error_message() : (string) $message ) );
			if ( $exit ) {
				throw new WP_CLI_Stand_In_Exit( 'exit', true === $exit ? 1 : (int) $exit );
			}
		}

		/** Ends the command with this exit code, printing nothing. */
		public static function halt( $code ): void {
			throw new WP_CLI_Stand_In_Exit( 'halt', (int) $code );
		}

		public static function colorize( $text ): string {
			return (string) preg_replace( '/%[a-zA-Z0-9]/', '', (string) $text );
		}

		public static function confirm( $question, $assoc_args = array() ): void {
			self::record( array( 'type' => 'confirm', 'message' => (string) $question ) );
		}
	}

	final class WP_CLI_Stand_In {
		/**
		 * Runs a command line as `wp …` would: the longest registered command name wins, the rest are positional
		 * arguments and `--key=value` / `--flag` options.
		 *
		 * @return array{exit: int, output: array<int, array<string, mixed>>}
		 */
		public static function run( string $command_line ): array {
			WP_CLI::$output = array();
			$words          = str_getcsv( $command_line, ' ', '"', '\\' );
			$args           = array();
			$assoc          = array();
			foreach ( $words as $word ) {
				if ( str_starts_with( $word, '--' ) ) {
					$parts              = explode( '=', substr( $word, 2 ), 2 );
					$assoc[ $parts[0] ] = $parts[1] ?? true;
				} elseif ( '' !== $word ) {
					$args[] = $word;
				}
			}
			for ( $length = count( $args ); $length > 0; $length-- ) {
				$name = implode( ' ', array_slice( $args, 0, $length ) );
				if ( isset( WP_CLI::$commands[ $name ] ) ) {
					return self::call( WP_CLI::$commands[ $name ], array_slice( $args, $length ), $assoc );
				}
			}
			return array(
				'exit'   => 1,
				'output' => array( array( 'type' => 'error', 'message' => "'{$command_line}' is not a registered wp command." ) ),
			);
		}

		private static function call( $callable, array $args, array $assoc ): array {
			try {
				if ( is_string( $callable ) && class_exists( $callable ) ) {
					$instance = new $callable();
					if ( is_callable( $instance ) ) {
						$instance( $args, $assoc );
					} else {
						$method = array_shift( $args );
						$instance->$method( $args, $assoc );
					}
				} else {
					call_user_func( $callable, $args, $assoc );
				}
				return array( 'exit' => 0, 'output' => WP_CLI::$output );
			} catch ( WP_CLI_Stand_In_Exit $exit ) {
				return array( 'exit' => $exit->getCode(), 'output' => WP_CLI::$output );
			}
		}
	}
}
