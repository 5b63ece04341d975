<?php
/**
 * What the Tools page (REST) and WP-CLI do with runs: start one, advance it a batch at a time, undo it, read it.
 * Every call does a bounded amount of work (a time budget), so each REST request stays short and a run survives
 * an interrupted request or a closed tab: the next call carries on from the saved cursor.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

use WP_Media_Cloud\Cache_Purger;

final class Runs {

	/** Seconds of work per request: well under PHP's and proxies' usual 30–60 s limits. */
	public const BUDGET = 8.0;

	/** Seconds of work per status poll (see Rest_Controller::get_run()): short, so the page stays responsive. */
	public const POLL_BUDGET = 2.0;

	/**
	 * @param array{direction: string, dry_run: bool, from?: array<int, string>, post_types?: array<int, string>} $args
	 * @return array<string, mixed>|\WP_Error The run after its first batch.
	 */
	public static function start( array $args, float $seconds = self::BUDGET ) {
		if ( ! Run_Store::lock() ) {
			return self::busy();
		}
		try {
			// A real run left unfinished (tab closed) is stopped, not lost: it keeps its backups and can be undone.
			foreach ( Run_Store::all() as $other ) {
				if ( 'running' === $other['state'] ) {
					$other['state'] = 'stopped';
					Run_Store::save( $other );
				}
			}
			$map = new Url_Map( $args['direction'], $args['from'] ?? array() );
			$run = Run_Store::create(
				array(
					'direction'      => $args['direction'],
					'dry_run'        => (bool) $args['dry_run'],
					'from'           => array_values( $args['from'] ?? array() ),
					'post_types'     => array_values( $args['post_types'] ?? array() ),
					'state'          => 'running',
					'processed'      => 0,
					'total'          => ( new Row_Source( $map->needles(), $args['post_types'] ?? array() ) )->count(),
					'changed'        => 0,
					'urls'           => 0,
					'not_offloaded'  => 0,
					'conflicts'      => 0,
					'restored'       => 0,
					'undo_conflicts' => 0,
					'chunks'         => 0,
					'cursor'         => array( 'phase' => 'posts', 'after' => 0 ),
					'purged'         => array(),
					'created_at'     => time(),
					'finished_at'    => null,
				)
			);
			return self::finish( Replacer::step( $run, $seconds ) );
		} finally {
			Run_Store::unlock();
		}
	}

	/** @return array<string, mixed>|\WP_Error The run after one more batch. */
	public static function advance( string $id, float $seconds = self::BUDGET ) {
		$run = Run_Store::get( $id );
		if ( null === $run ) {
			return self::not_found( $id );
		}
		if ( 'running' !== $run['state'] && 'stopped' !== $run['state'] ) {
			return $run; // Done or undone: nothing left to do, and asking again is harmless.
		}
		if ( ! Run_Store::lock() ) {
			return self::busy();
		}
		try {
			$run['state'] = 'running';
			return self::finish( Replacer::step( $run, $seconds ) );
		} finally {
			Run_Store::unlock();
		}
	}

	/** @return array<string, mixed>|\WP_Error The run after one more batch of undo. */
	public static function undo( string $id, float $seconds = self::BUDGET ) {
		$run = Run_Store::get( $id );
		if ( null === $run ) {
			return self::not_found( $id );
		}
		if ( 'undone' === $run['state'] ) {
			return $run;
		}
		if ( ! Run_Store::lock() ) {
			return self::busy();
		}
		try {
			$run['state'] = 'undoing';
			$run          = Replacer::undo_step( $run, $seconds );
			if ( 'undone' === $run['state'] && $run['restored'] > 0 ) {
				$run['purged'] = Cache_Purger::purge()['purged'];
				Run_Store::save( $run );
			}
			return $run;
		} finally {
			Run_Store::unlock();
		}
	}

	/**
	 * What the user sees of a run.
	 *
	 * @param array<string, mixed> $run A stored run.
	 * @return array<string, mixed>
	 */
	public static function view( array $run ): array {
		$keys = array( 'id', 'direction', 'dry_run', 'from', 'post_types', 'state', 'processed', 'total', 'changed', 'urls', 'not_offloaded', 'conflicts', 'restored', 'undo_conflicts', 'purged', 'created_at', 'finished_at' );
		return array_merge( array_flip( $keys ), array_intersect_key( $run, array_flip( $keys ) ) );
	}

	/**
	 * One page of a run's URL changes (or of the URLs it left alone, with `$kind = 'skipped'`).
	 *
	 * @return array{items: array<int, array<string, mixed>>, total: int}
	 */
	public static function changes( string $id, string $kind, int $page, int $per_page ): array {
		$run   = Run_Store::get( $id );
		$all   = array();
		$total = 0;
		$from  = ( $page - 1 ) * $per_page;
		for ( $number = 1; $number <= (int) ( $run['chunks'] ?? 0 ); $number++ ) {
			foreach ( Run_Store::log( $id, $number ) as $entry ) {
				foreach ( $entry[ $kind ] as $item ) {
					if ( $total >= $from && count( $all ) < $per_page ) {
						$all[] = $item;
					}
					++$total;
				}
			}
		}
		return array( 'items' => $all, 'total' => $total );
	}

	/**
	 * @param array<string, mixed> $run The run after a step.
	 * @return array<string, mixed>
	 */
	private static function finish( array $run ): array {
		if ( 'done' === $run['state'] && ! $run['dry_run'] && $run['changed'] > 0 ) {
			// Cached pages still hold the old URLs (images-not-loading, Check 6).
			$run['purged'] = Cache_Purger::purge()['purged'];
			Run_Store::save( $run );
		}
		return $run;
	}

	public static function not_found( string $id ): \WP_Error {
		return new \WP_Error(
			'wp_media_cloud_run_not_found',
			/* translators: %s: run ID */
			sprintf( __( 'There is no URL Replace run "%s".', 'wp-media-cloud' ), $id ),
			array(
				'status' => 404,
				'remedy' => sprintf(
					/* translators: 1: number of real runs kept, 2: number of dry runs kept */
					__( 'Pick a run from the list of recent runs; the last %1$d runs (with their undo backups) and, apart from them, the last %2$d dry runs are kept.', 'wp-media-cloud' ),
					Run_Store::KEEP_RUNS,
					Run_Store::KEEP_DRY_RUNS
				),
			)
		);
	}

	private static function busy(): \WP_Error {
		return new \WP_Error(
			'wp_media_cloud_url_replace_busy',
			__( 'Another URL Replace request is working right now.', 'wp-media-cloud' ),
			array( 'status' => 409, 'remedy' => __( 'Wait a few seconds and try again; close other tabs running the URL Replace tool.', 'wp-media-cloud' ) )
		);
	}
}
