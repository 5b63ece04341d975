// Tools › Download back: copies offloaded files back into wp-content/uploads (before deactivating the
// plugin or leaving a provider), with progress and a summary.
import { Button, Spinner } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { describeError, request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { ErrorTable } from '../components/error-table';
import { RunControls, useJobRun } from '../components/job-run';
import { JobProgress } from '../components/job-progress';
import { RunNotices } from '../components/run-notices';

export function DownloadBack() {
	const run = useJobRun( '/downloads' );
	const downloads = run.progress;
	const job = downloads.data;

	const start = () =>
		run.act(
			() => request( 'POST', '/downloads', { all: true } ),
			__( 'Downloading files back to this server.', 'wp-media-cloud' )
		);

	return (
		<>
			<p>
				{ __(
					'Copies every offloaded file back into wp-content/uploads. Do this before deactivating the plugin when local files were removed, or those URLs return 404. Files stay in the bucket.',
					'wp-media-cloud'
				) }
			</p>
			{ ! job && ! downloads.error && <Spinner /> }
			{ downloads.error && (
				<AdminNotice status="error">
					{ describeError( downloads.error ) }
				</AdminNotice>
			) }
			{ job && (
				<>
					{ job.state !== 'idle' && (
						<JobProgress
							state={ job.state }
							total={ job.total }
							done={ job.done }
							failed={ job.failed }
							bytes={ job.bytes }
						/>
					) }
					<RunNotices job={ job } />
					<RunControls
						run={ run }
						said={ {
							paused: __( 'Download paused.', 'wp-media-cloud' ),
							resumed: __(
								'Download resumed.',
								'wp-media-cloud'
							),
							cancelled: __(
								'Download cancelled.',
								'wp-media-cloud'
							),
						} }
					>
						<Button
							variant="secondary"
							onClick={ start }
							isBusy={ run.busy }
							disabled={ run.busy || job.state === 'running' }
							accessibleWhenDisabled
						>
							{ __(
								'Download all files back',
								'wp-media-cloud'
							) }
						</Button>
					</RunControls>
					<ErrorTable
						errors={ job.errors ?? [] }
						caption={ __(
							'Files that could not be downloaded',
							'wp-media-cloud'
						) }
					/>
				</>
			) }
		</>
	);
}
