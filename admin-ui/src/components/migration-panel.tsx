// Bulk migration of existing media: live progress while it runs, Start / Pause / Resume / Cancel, and
// the last errors. The Dashboard and Tools › Bulk Migration both show it.
import { Button, Notice, Spinner } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { describeError, isMissingRoute, request } from '../api';
import { ErrorTable } from './error-table';
import { canStart, RunControls, useJobRun } from './job-run';
import { JobProgress } from './job-progress';
import { NotAvailable } from './not-available';
import { RunNotices } from './run-notices';

export function MigrationPanel( {
	onFinished,
	onStateChange,
}: {
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

	if ( isMissingRoute( migration.error ) ) {
		return (
			<NotAvailable
				feature={ __( 'Bulk migration', 'wp-media-cloud' ) }
				route="GET /media-cloud/v1/migration"
			/>
		);
	}
	if ( ! migration.data ) {
		return migration.error ? (
			<Notice status="error" isDismissible={ false }>
				{ describeError( migration.error ) }
			</Notice>
		) : (
			<Spinner />
		);
	}

	const data = migration.data;
	return (
		<div className="wpmc-migration">
			<JobProgress
				state={ data.state }
				total={ data.total }
				done={ data.done }
				failed={ data.failed }
				ratePerSecond={ data.rate_per_second }
				etaSeconds={ data.eta_seconds }
				bytes={ data.bytes }
			/>
			<RunNotices job={ data } />
			<RunControls
				run={ run }
				said={ {
					paused: __( 'Migration paused.', 'wp-media-cloud' ),
					resumed: __( 'Migration resumed.', 'wp-media-cloud' ),
					cancelled: __( 'Migration cancelled.', 'wp-media-cloud' ),
				} }
			>
				{ canStart( data ) && (
					<Button
						variant="primary"
						isBusy={ run.busy }
						disabled={ run.busy }
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
