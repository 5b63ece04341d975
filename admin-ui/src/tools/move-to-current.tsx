// Tools › Move to the current storage: attachments whose record names another bucket, endpoint or provider
// (the bucket was changed in Settings, say) keep working from there; this run copies them to the storage the
// settings point at now, on the same job engine as the migration.
import { Button, Spinner } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { describeError, request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { ErrorTable } from '../components/error-table';
import { formatNumber } from '../components/format';
import { canStart, RunControls, useJobRun } from '../components/job-run';
import { JobProgress } from '../components/job-progress';
import { useAction } from '../components/use-action';
import { RunNotices } from '../components/run-notices';

/** What to do about the failures a move reports without a remedy of its own. */
const REMEDIES = (): Record< string, string > => ( {
	E_SOURCE_UNAVAILABLE: __(
		'It keeps working from where it is. Restore its files on this server or give the settings access to that bucket, then move again.',
		'wp-media-cloud'
	),
	E_FILE_MISSING: __(
		'Restore the file from a backup, then move again; the attachment keeps working from where it is meanwhile.',
		'wp-media-cloud'
	),
} );

export function MoveToCurrent() {
	const [ count, setCount ] = useState< number | null >( null );
	// How many attachments are stored elsewhere: a dry run, which only counts.
	const counting = useAction(
		async () => {
			const answer = await request< { attachments: number } >(
				'POST',
				'/moves',
				{ dry_run: true }
			);
			setCount( answer.attachments );
		},
		{ errors: 'inline' }
	);
	const recount = counting.run;
	useEffect( () => {
		void recount();
	}, [ recount ] );
	const run = useJobRun( '/moves', () => void recount() );
	const moves = run.progress;
	const job = moves.data;
	const countError = counting.error;

	const loaded = job !== null || moves.error !== null;
	const startable = loaded && ( ! job || canStart( job ) );

	return (
		<>
			<p>
				{ __(
					'Attachments stored in another bucket, endpoint or provider than the one in Settings (after you changed the bucket, for example) keep working from where they are until they are moved. This copies them to the current storage in the background: you can leave this page, pause and resume. The old copies stay in the old bucket.',
					'wp-media-cloud'
				) }
			</p>
			{ ( count === null || ! loaded ) &&
				! countError &&
				! moves.error && <Spinner /> }
			{ countError && (
				<AdminNotice status="error">
					{ describeError( countError ) }
				</AdminNotice>
			) }
			{ moves.error && (
				<AdminNotice status="error">
					{ describeError( moves.error ) }
				</AdminNotice>
			) }
			{ count !== null && (
				<p className="wpmc-move-count" data-count={ count }>
					{ count > 0
						? sprintf(
								/* translators: %s: number of attachments. */
								_n(
									'%s attachment is stored elsewhere.',
									'%s attachments are stored elsewhere.',
									count,
									'wp-media-cloud'
								),
								formatNumber( count )
							)
						: __(
								'Every offloaded attachment is in the current storage.',
								'wp-media-cloud'
							) }
				</p>
			) }
			{ job && job.state !== 'idle' && (
				<JobProgress
					state={ job.state }
					total={ job.total }
					done={ job.done }
					failed={ job.failed }
					ratePerSecond={ job.rate_per_second }
					etaSeconds={ job.eta_seconds }
					bytes={ job.bytes }
				/>
			) }
			{ job && <RunNotices job={ job } /> }
			<RunControls
				run={ run }
				said={ {
					paused: __( 'Move paused.', 'wp-media-cloud' ),
					resumed: __( 'Move resumed.', 'wp-media-cloud' ),
					cancelled: __( 'Move cancelled.', 'wp-media-cloud' ),
				} }
			>
				{ startable && count !== null && count > 0 && (
					<Button
						variant="primary"
						isBusy={ run.busy }
						disabled={ run.busy }
						accessibleWhenDisabled
						onClick={ () =>
							run.act(
								() => request( 'POST', '/moves', {} ),
								__(
									'Moving attachments to the current storage.',
									'wp-media-cloud'
								)
							)
						}
					>
						{ sprintf(
							/* translators: %s: number of attachments. */
							_n(
								'Move %s attachment',
								'Move %s attachments',
								count,
								'wp-media-cloud'
							),
							formatNumber( count )
						) }
					</Button>
				) }
			</RunControls>
			{ job && (
				<ErrorTable
					errors={ job.errors ?? [] }
					caption={ __(
						'Attachments that could not be moved',
						'wp-media-cloud'
					) }
					remedies={ REMEDIES() }
				/>
			) }
		</>
	);
}
