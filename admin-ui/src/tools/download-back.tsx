// Tools › Download back: copies offloaded files back into wp-content/uploads (before deactivating the
// plugin or leaving a provider), with progress and a summary.
import { Button, Notice, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { isMissingRoute, normaliseError, request } from '../api';
import { ErrorTable } from '../components/error-table';
import { isJobProgress, JobProgress } from '../components/job-progress';
import { RunNotices } from '../components/run-notices';
import { NotAvailable } from '../components/not-available';
import { useNotify } from '../components/notices';
import { usePolling, useResource } from '../components/use-request';
import type { MigrationResponse } from '../types';

export function DownloadBack() {
	const downloads = useResource< MigrationResponse >( '/downloads' );
	const [ starting, setStarting ] = useState( false );
	const notify = useNotify();
	const job = downloads.data;
	usePolling( downloads.reload, 1500, job?.state === 'running' );

	if ( isMissingRoute( downloads.error ) ) {
		return (
			<NotAvailable
				feature={ __( 'Download back', 'wp-media-cloud' ) }
				route="/media-cloud/v1/downloads"
			/>
		);
	}
	const start = async () => {
		setStarting( true );
		try {
			// The answer is the new run's progress: show it at once, never the previous run's.
			const answer = await request( 'POST', '/downloads', { all: true } );
			if ( isJobProgress( answer ) ) {
				downloads.setData( answer );
			}
			notify.success(
				__( 'Downloading files back to this server.', 'wp-media-cloud' )
			);
		} catch ( caught ) {
			notify.error( normaliseError( caught ) );
		} finally {
			await downloads.reload();
			setStarting( false );
		}
	};

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
				<Notice status="error" isDismissible={ false }>
					{ downloads.error.message }
				</Notice>
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
					<Button
						variant="secondary"
						onClick={ start }
						isBusy={ starting }
						disabled={ starting || job.state === 'running' }
					>
						{ __( 'Download all files back', 'wp-media-cloud' ) }
					</Button>
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
