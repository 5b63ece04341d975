<?php
/**
 * The sidecar logs JSON lines (sidecar/src/log.ts: level, time, msg, fields), for a server's journal to filter.
 * `wp media-cloud sidecar logs` and the errors of `start` show them to a person: time, level and message on one
 * line, the other fields after it, an error's stack indented below. Lines that are not JSON (written by
 * `wp media-cloud sidecar start`/`stop`, or by an older sidecar) pass unchanged.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Sidecar_Log_Lines {

	public static function readable( string $text ): string {
		return implode( "\n", array_map( array( self::class, 'readable_line' ), explode( "\n", $text ) ) );
	}

	public static function readable_line( string $line ): string {
		$record = '{' === substr( ltrim( $line ), 0, 1 ) ? json_decode( $line, true ) : null;
		if ( ! is_array( $record ) || ! isset( $record['msg'], $record['level'] ) ) {
			return $line;
		}
		$time   = isset( $record['time'] ) ? str_replace( array( 'T', '.000Z' ), array( ' ', 'Z' ), (string) $record['time'] ) : '';
		$out    = sprintf( '%s %-5s %s', $time, strtoupper( (string) $record['level'] ), (string) $record['msg'] );
		$fields = array();
		foreach ( $record as $key => $value ) {
			if ( in_array( $key, array( 'level', 'time', 'msg', 'err' ), true ) ) {
				continue;
			}
			$fields[] = $key . '=' . ( is_scalar( $value ) ? (string) $value : (string) wp_json_encode( $value ) );
		}
		if ( $fields ) {
			$out .= '  (' . implode( ', ', $fields ) . ')';
		}
		if ( isset( $record['err']['stack'] ) && is_string( $record['err']['stack'] ) ) {
			$out .= "\n    " . str_replace( "\n", "\n    ", $record['err']['stack'] );
		}
		return $out;
	}
}
