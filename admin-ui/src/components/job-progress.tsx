// A job's progress: bar, counts, rate and time left. Used by the migration, downloads and URL
// replace runs, which all report `total` and how many are done.
import { ProgressBar } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { RunProgress } from '../types';
import { formatBytes, formatDuration, formatNumber } from './format';

export interface JobProgressProps {
	state: string;
	total: number;
	done: number;
	failed?: number;
	ratePerSecond?: number;
	etaSeconds?: number | null;
	bytes?: number;
}

export function stateLabel( state: string ): string {
	const labels: Record< string, string > = {
		idle: __( 'Not started', 'wp-media-cloud' ),
		queued: __( 'Queued', 'wp-media-cloud' ),
		running: __( 'Running', 'wp-media-cloud' ),
		paused: __( 'Paused', 'wp-media-cloud' ),
		cancelled: __( 'Cancelled', 'wp-media-cloud' ),
		done: __( 'Finished', 'wp-media-cloud' ),
		stopped: __( 'Stopped: start it again to continue', 'wp-media-cloud' ),
		undoing: __( 'Undoing', 'wp-media-cloud' ),
		undone: __( 'Undone', 'wp-media-cloud' ),
		failed: __( 'Failed', 'wp-media-cloud' ),
	};
	return labels[ state ] ?? state;
}

/**
 * Whether an answer is a job's progress (state and counts), as the migration and download routes return.
 * @param value
 */
export function isJobProgress( value: unknown ): value is RunProgress {
	const job = value as Partial< RunProgress > | null;
	return (
		typeof job?.state === 'string' &&
		typeof job.total === 'number' &&
		typeof job.done === 'number'
	);
}

export function percentOf( done: number, total: number ): number {
	if ( total <= 0 ) {
		return done > 0 ? 100 : 0;
	}
	return Math.min( 100, Math.floor( ( done / total ) * 100 ) );
}

export function JobProgress( {
	state,
	total,
	done,
	failed = 0,
	ratePerSecond,
	etaSeconds,
	bytes,
}: JobProgressProps ) {
	const percent =
		state === 'done' && done + failed >= total
			? 100
			: percentOf( done + failed, total );
	const details = [
		sprintf(
			/* translators: 1: items done, 2: total items. */
			__( '%1$s of %2$s', 'wp-media-cloud' ),
			formatNumber( done ),
			formatNumber( total )
		),
		failed
			? sprintf(
					/* translators: %s: number of failed items. */
					__( '%s failed', 'wp-media-cloud' ),
					formatNumber( failed )
				)
			: '',
		bytes ? formatBytes( bytes ) : '',
		state === 'running' && ratePerSecond
			? sprintf(
					/* translators: %s: items per second. */
					__( '%s per second', 'wp-media-cloud' ),
					ratePerSecond.toFixed( 1 )
				)
			: '',
		state === 'running' && etaSeconds
			? sprintf(
					/* translators: %s: duration such as "2 min 5 s". */
					__( 'about %s left', 'wp-media-cloud' ),
					formatDuration( etaSeconds )
				)
			: '',
	].filter( Boolean );
	return (
		<div
			className="wpmc-progress"
			data-state={ state }
			data-percent={ percent }
		>
			<div className="wpmc-progress__head">
				<strong className="wpmc-progress__state">
					{ stateLabel( state ) }
				</strong>
				<span className="wpmc-progress__percent">{ `${ percent }%` }</span>
			</div>
			<ProgressBar
				value={ percent }
				className="wpmc-progress__bar"
				aria-label={ sprintf(
					/* translators: %s: job state, e.g. "Running". */
					__( 'Progress: %s', 'wp-media-cloud' ),
					stateLabel( state )
				) }
			/>
			<p className="wpmc-progress__details">{ details.join( ' · ' ) }</p>
		</div>
	);
}
