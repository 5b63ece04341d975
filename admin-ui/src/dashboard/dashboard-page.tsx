// Dashboard: the setup checklist (first, while setup is incomplete), how much of the library is offloaded, the
// migration, what is pending, and where media is served from.
import { Card, CardBody, CardHeader, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { MigrationPanel } from '../components/migration-panel';
import { usePolling, useResource } from '../components/use-request';
import { isSetupComplete, SetupChecklist } from '../setup/setup-checklist';
import type { SetupResponse } from '../setup/types';
import type { AdminConfig, StatusResponse } from '../types';
import { LibraryCard } from './library-card';
import { PendingTable } from './pending-table';
import { StorageSummary } from './storage-summary';

/** How often the checklist asks again while the sidecar is not answering (the user is at the shell). */
const SIDECAR_POLL_MS = 5000;
/** How often the counts are read again while a migration runs (GET /status: tens of ms at 100,000 attachments). */
const COUNTS_POLL_MS = 3000;

export function DashboardPage( { config }: { config: AdminConfig } ) {
	const status = useResource< StatusResponse >( '/status' );
	const setup = useResource< SetupResponse >( '/setup' );
	// A new key remounts the migration panel, so a run started from the checklist shows its progress at once.
	const [ migrationKey, setMigrationKey ] = useState( 0 );
	// Live counts: the tiles move with the migration's bar instead of waiting for its end.
	const [ migrationState, setMigrationState ] = useState< string >();
	usePolling( status.reload, COUNTS_POLL_MS, migrationState === 'running' );
	const sidecarState = setup.data?.steps.find(
		( step ) => step.id === 'sidecar'
	)?.state;
	usePolling(
		setup.reload,
		SIDECAR_POLL_MS,
		sidecarState !== undefined && sidecarState !== 'done'
	);
	const checklist = (
		<SetupChecklist
			config={ config }
			setup={ setup }
			status={ status.data }
			statusError={ status.error }
			onMigrationStarted={ () => {
				setMigrationKey( ( key ) => key + 1 );
				void status.reload();
			} }
		/>
	);
	const complete = isSetupComplete( setup.data, status.data );
	return (
		<div className="wpmc-page wpmc-dashboard">
			{ ! complete && checklist }
			<LibraryCard status={ status } />

			<Card className="wpmc-card">
				<CardHeader>
					<h2>{ __( 'Bulk migration', 'wp-media-cloud' ) }</h2>
				</CardHeader>
				<CardBody>
					{ sidecarState === 'done' || setup.error ? (
						<MigrationPanel
							key={ migrationKey }
							library={ status.data?.attachments ?? null }
							onFinished={ () => void status.reload() }
							onStateChange={ setMigrationState }
						/>
					) : (
						<p className="wpmc-migration-waits">
							{ setup.data ? (
								__(
									'The migration runs in the sidecar: it is available once step 1 of the setup above is done.',
									'wp-media-cloud'
								)
							) : (
								<Spinner />
							) }
						</p>
					) }
				</CardBody>
			</Card>

			{ status.data && (
				<>
					<Card className="wpmc-card">
						<CardHeader>
							<h2>
								{ __( 'Pending uploads', 'wp-media-cloud' ) }
							</h2>
						</CardHeader>
						<CardBody>
							<PendingTable
								pending={ status.data.pending ?? [] }
							/>
						</CardBody>
					</Card>
					<Card className="wpmc-card">
						<CardHeader>
							<h2>
								{ __(
									'Storage and delivery',
									'wp-media-cloud'
								) }
							</h2>
						</CardHeader>
						<CardBody>
							<StorageSummary
								storage={ status.data.storage }
								providerLabels={ config.providerLabels }
								settingsUrl={ config.urls.settings }
							/>
						</CardBody>
					</Card>
				</>
			) }
			{ complete && checklist }
		</div>
	);
}
