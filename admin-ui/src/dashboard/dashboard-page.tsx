// Dashboard: the setup checklist (first, while setup is incomplete), how much of the library is offloaded, the
// migration, what is pending, and where media is served from.
import {
	Card,
	CardBody,
	CardHeader,
	Notice,
	Spinner,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { describeError, isMissingRoute } from '../api';
import { formatNumber } from '../components/format';
import { MigrationPanel } from '../components/migration-panel';
import { NotAvailable } from '../components/not-available';
import { usePolling, useResource } from '../components/use-request';
import { isSetupComplete, SetupChecklist } from '../setup/setup-checklist';
import type { SetupResponse } from '../setup/types';
import type { AdminConfig, StatusResponse } from '../types';
import { PendingTable } from './pending-table';
import { StorageSummary } from './storage-summary';

function Count( {
	label,
	offloaded,
	total,
}: {
	label: string;
	offloaded: number;
	total: number;
} ) {
	return (
		<div
			className="wpmc-count"
			data-offloaded={ offloaded }
			data-total={ total }
		>
			<span className="wpmc-count__label">{ label }</span>
			<span className="wpmc-count__value">
				{ sprintf(
					/* translators: 1: offloaded count, 2: total count. */
					__( '%1$s of %2$s offloaded', 'wp-media-cloud' ),
					formatNumber( offloaded ),
					formatNumber( total )
				) }
			</span>
		</div>
	);
}

/**
 * The docs' "Check 1": the counts must match once a migration has finished.
 * @param root0
 * @param root0.status
 */
function MismatchWarning( { status }: { status: StatusResponse } ) {
	const missing = status.attachments.total - status.attachments.offloaded;
	if ( missing <= 0 ) {
		return null;
	}
	return (
		<Notice
			status="warning"
			isDismissible={ false }
			className="wpmc-mismatch"
		>
			{ sprintf(
				/* translators: %s: number of attachments. */
				_n(
					'%s attachment is not offloaded: it is still served from this server, and it breaks if local files are removed. Start the migration below to offload it.',
					'%s attachments are not offloaded: they are still served from this server, and they break if local files are removed. Start the migration below to offload them.',
					missing,
					'wp-media-cloud'
				),
				formatNumber( missing )
			) }
		</Notice>
	);
}

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
	const checklistMissing = isMissingRoute( setup.error );
	return (
		<div className="wpmc-page wpmc-dashboard">
			{ ! complete && ! checklistMissing && checklist }
			<Card className="wpmc-card">
				<CardHeader>
					<h2>{ __( 'Media library', 'wp-media-cloud' ) }</h2>
				</CardHeader>
				<CardBody>
					{ isMissingRoute( status.error ) && (
						<NotAvailable
							feature={ __(
								'The offload summary',
								'wp-media-cloud'
							) }
							route="GET /media-cloud/v1/status"
						/>
					) }
					{ status.error && ! isMissingRoute( status.error ) && (
						<Notice status="error" isDismissible={ false }>
							{ describeError( status.error ) }
						</Notice>
					) }
					{ ! status.data && ! status.error && <Spinner /> }
					{ status.data && (
						<>
							<MismatchWarning status={ status.data } />
							<div className="wpmc-counts">
								<Count
									label={ __(
										'Attachments',
										'wp-media-cloud'
									) }
									offloaded={
										status.data.attachments.offloaded
									}
									total={ status.data.attachments.total }
								/>
								<Count
									label={ __(
										'Files (with every image size)',
										'wp-media-cloud'
									) }
									offloaded={ status.data.files.offloaded }
									total={ status.data.files.total }
								/>
							</div>
						</>
					) }
				</CardBody>
			</Card>

			<Card className="wpmc-card">
				<CardHeader>
					<h2>{ __( 'Bulk migration', 'wp-media-cloud' ) }</h2>
				</CardHeader>
				<CardBody>
					{ sidecarState === 'done' || setup.error ? (
						<MigrationPanel
							key={ migrationKey }
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
