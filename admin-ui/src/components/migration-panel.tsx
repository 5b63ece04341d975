// Bulk migration of existing media: live progress while it runs, Start / Pause / Resume / Cancel, and
// the last errors. The Dashboard and Tools › Bulk Migration both show it. With nothing left to offload it
// says so instead of offering a Start that would do nothing.
import { Button, Spinner } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { describeError, request } from '../api';
import type { StatusResponse } from '../types';
import { AdminNotice } from './admin-notice';
import { ErrorTable } from './error-table';
import { canStart, RunControls, useJobRun } from './job-run';
import { JobProgress } from './job-progress';
import { attachmentsSummary } from './library-wording';
import { RunNotices } from './run-notices';

export function MigrationPanel( {
	library,
	onFinished,
	onStateChange,
}: {
	/** The library's counts (GET /status), null until known: with none left to offload, Start is not offered. */
	library: StatusResponse[ 'attachments' ] | null;
	onFinished?: () => void;
	/** Told the run's state as it changes (the Dashboard refreshes its counts while a run goes on). */
	onStateChange?: ( state: string | undefined ) => void;
} ) {
	const run = useJobRun( '/migration', onFinished );
	const migration = run.progress;
	const state = migration.data?.state;
	const stateChanged = useRef( onStateChange );
	stateChanged.current = onStateChange;
	useEffect( () => stateChanged.current?.( state ), [ state ] );

	if ( ! migration.data ) {
		return migration.error ? (
			<AdminNotice status="error">
				{ describeError( migration.error ) }
			</AdminNotice>
		) : (
			<Spinner />
		);
	}

	const data = migration.data;
	const startable = canStart( data );
	// Every attachment offloaded (or none at all): the counts say so, Start would do nothing.
	const allDone = library?.not_offloaded === 0 ? library : null;
	return (
		<div className="wpmc-migration">
			{ data.state !== 'idle' && (
				<JobProgress
					state={ data.state }
					total={ data.total }
					done={ data.done }
					failed={ data.failed }
					ratePerSecond={ data.rate_per_second }
					etaSeconds={ data.eta_seconds }
					bytes={ data.bytes }
				/>
			) }
			<RunNotices job={ data } />
			{ startable && allDone && (
				<AdminNotice status="success" className="wpmc-migration-done">
					{ attachmentsSummary( allDone ) }
				</AdminNotice>
			) }
			<RunControls
				run={ run }
				said={ {
					paused: __( 'Migration paused.', 'wp-media-cloud' ),
					resumed: __( 'Migration resumed.', 'wp-media-cloud' ),
					cancelled: __( 'Migration cancelled.', 'wp-media-cloud' ),
				} }
			>
				{ startable && ! allDone && (
					<Button
						variant="primary"
						isBusy={ run.busy }
						disabled={ run.busy }
						accessibleWhenDisabled
						onClick={ () =>
							run.act(
								() => request( 'POST', '/migration', {} ),
								__( 'Migration started.', 'wp-media-cloud' )
							)
						}
					>
						{ __( 'Start migration', 'wp-media-cloud' ) }
					</Button>
				) }
			</RunControls>
			<ErrorTable
				errors={ data.errors ?? [] }
				caption={ __( 'Last errors', 'wp-media-cloud' ) }
			/>
		</div>
	);
}
