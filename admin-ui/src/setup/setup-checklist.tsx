// The first-run checklist on the Dashboard: (1) Node.js and the sidecar, (2) storage settings, (3) the connection
// test, (4) existing media. Each step shows its live state (done / to do / failing) and what to do next; steps 1–3
// come from GET /setup, step 4 from the Dashboard's GET /status.
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Flex,
	Spinner,
} from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import { describeError, request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { formatNumber } from '../components/format';
import { attachmentsSummary } from '../components/library-wording';
import { useAction } from '../components/use-action';
import type { Resource } from '../components/use-request';
import { HealthResults } from '../health/health-results';
import { CONNECTION_CHECKS } from '../settings/test-connection';
import type {
	AdminConfig,
	ApiErrorBody,
	HealthResponse,
	StatusResponse,
} from '../types';
import { CopyBlock } from './copy-block';
import type { SetupResponse, SetupStep, StepState } from './types';
import './setup.scss';

const STATE_LABELS: Record< StepState, () => string > = {
	done: () => __( 'Done', 'wp-media-cloud' ),
	todo: () => __( 'To do', 'wp-media-cloud' ),
	failing: () => __( 'Failing', 'wp-media-cloud' ),
};

const COMMAND_LABELS: Record< string, () => string > = {
	setup: () => __( 'Copy the setup command', 'wp-media-cloud' ),
	start: () => __( 'Copy the start command', 'wp-media-cloud' ),
	stop: () => __( 'Copy the stop command', 'wp-media-cloud' ),
	restart: () => __( 'Copy the restart command', 'wp-media-cloud' ),
	status: () => __( 'Copy the status command', 'wp-media-cloud' ),
	logs: () => __( 'Copy the logs command', 'wp-media-cloud' ),
};

/**
 * Whether every step is done: the sidecar answers, storage is saved and tested, and no attachment is left local.
 * @param setup
 * @param status
 */
export function isSetupComplete(
	setup: SetupResponse | null,
	status: StatusResponse | null
): boolean {
	return Boolean(
		setup &&
		status &&
		setup.steps.every( ( step ) => step.state === 'done' ) &&
		status.attachments.not_offloaded === 0
	);
}

function Step( {
	number,
	id,
	title,
	state,
	summary,
	fix,
	children,
}: {
	number: number;
	id: string;
	title: string;
	state: StepState;
	summary: string;
	fix?: string;
	children?: React.ReactNode;
} ) {
	return (
		<li
			className={ `wpmc-step is-${ state }` }
			data-step={ id }
			data-state={ state }
		>
			<span className="wpmc-step__number" aria-hidden="true">
				{ state === 'done' ? '✓' : number }
			</span>
			<div className="wpmc-step__body">
				<h3 className="wpmc-step__title">
					{ title }{ ' ' }
					<span className={ `wpmc-step__state is-${ state }` }>
						{ STATE_LABELS[ state ]() }
					</span>
				</h3>
				<p className="wpmc-step__summary">{ summary }</p>
				{ state !== 'done' && fix && (
					<p className="wpmc-step__fix">{ fix }</p>
				) }
				{ children }
			</div>
		</li>
	);
}

/**
 * Step 1 when the sidecar is not set up or not answering: the commands for this site, and the manual way.
 * @param root0
 * @param root0.step
 * @param root0.setup
 * @param root0.onCheck
 * @param root0.checking
 */
function SidecarHelp( {
	step,
	setup,
	onCheck,
	checking,
}: {
	step: SetupStep;
	setup: SetupResponse;
	onCheck: () => void;
	checking: boolean;
} ) {
	return (
		<>
			<div className="wpmc-step__commands">
				{ step.commands.map( ( id ) => (
					<CopyBlock
						key={ id }
						text={ setup.commands[ id ] }
						label={ COMMAND_LABELS[ id ]?.() ?? id }
					/>
				) ) }
			</div>
			<details className="wpmc-step__manual">
				<summary>
					{ __(
						'Without WP-CLI: set it up by hand',
						'wp-media-cloud'
					) }
				</summary>
				<p>
					{ __(
						'1. Add these lines to wp-config.php, above “That’s all, stop editing!”, with a secret of your own (at least 32 characters):',
						'wp-media-cloud'
					) }
				</p>
				<CopyBlock
					text={ setup.manual.constants }
					label={ __(
						'Copy the wp-config.php lines',
						'wp-media-cloud'
					) }
					multiline
				/>
				<p>
					{ __(
						'2. Give the sidecar this environment (the data folder must be outside every folder the web server serves):',
						'wp-media-cloud'
					) }
				</p>
				<CopyBlock
					text={ setup.manual.environment }
					label={ __(
						'Copy the sidecar environment',
						'wp-media-cloud'
					) }
					multiline
				/>
				<p>
					{ __(
						'3. Run it with Node.js 20, 22 or 24, as the web server’s user, and keep it running (a systemd service, or your host’s process manager):',
						'wp-media-cloud'
					) }
				</p>
				<CopyBlock
					text={ setup.manual.run }
					label={ __( 'Copy the run command', 'wp-media-cloud' ) }
				/>
			</details>
			<Flex justify="flex-start" gap={ 2 } className="wpmc-actions">
				<Button
					variant="secondary"
					onClick={ onCheck }
					isBusy={ checking }
					disabled={ checking }
					accessibleWhenDisabled
				>
					{ __( 'Check again', 'wp-media-cloud' ) }
				</Button>
				<span className="wpmc-step__hint">
					{ __(
						'This step is checked again every few seconds.',
						'wp-media-cloud'
					) }
				</span>
			</Flex>
		</>
	);
}

/**
 * Step 3's button: runs the connection checks here; the step then shows the outcome (the checks that failed, with
 * their fix, or done).
 * @param root0
 * @param root0.onTested
 */
function ConnectionTest( {
	onTested,
}: {
	onTested: () => Promise< unknown >;
} ) {
	// The step shows the outcome (the checks that failed, with their fix, or done) once the checklist is read again.
	const test = useAction(
		() =>
			request< HealthResponse >( 'POST', '/health', {
				checks: CONNECTION_CHECKS,
			} ),
		{ errors: 'inline', settled: onTested }
	);
	return (
		<div className="wpmc-step__test">
			<Button
				variant="primary"
				onClick={ () => void test.run() }
				isBusy={ test.busy }
				disabled={ test.busy }
				accessibleWhenDisabled
			>
				{ __( 'Test connection', 'wp-media-cloud' ) }
			</Button>
			{ test.error && (
				<AdminNotice status="error">
					{ describeError( test.error ) }
				</AdminNotice>
			) }
		</div>
	);
}

/**
 * Step 4: attachments uploaded before the plugin was set up, and the migration that offloads them.
 * @param root0
 * @param root0.status
 * @param root0.statusError
 * @param root0.storageWorks
 * @param root0.onMigrationStarted
 * @param root0.number
 */
function MediaStep( {
	number,
	status,
	statusError,
	storageWorks,
	onMigrationStarted,
}: {
	number: number;
	status: StatusResponse | null;
	statusError: ApiErrorBody | null;
	storageWorks: boolean;
	onMigrationStarted: () => void;
} ) {
	const start = useAction(
		async () => {
			await request( 'POST', '/migration', {} );
			onMigrationStarted();
		},
		{ success: __( 'Migration started.', 'wp-media-cloud' ) }
	);
	const title = __( 'Existing media', 'wp-media-cloud' );
	if ( ! status ) {
		return (
			<Step
				number={ number }
				id="media"
				title={ title }
				state="todo"
				summary={
					statusError
						? describeError( statusError )
						: __( 'Counting…', 'wp-media-cloud' )
				}
			/>
		);
	}
	const left = status.attachments.not_offloaded;
	if ( left === 0 ) {
		return (
			<Step
				number={ number }
				id="media"
				title={ title }
				state="done"
				summary={ attachmentsSummary( status.attachments ) }
			/>
		);
	}
	return (
		<Step
			number={ number }
			id="media"
			title={ title }
			state="todo"
			summary={ sprintf(
				/* translators: %s: number of attachments. */
				_n(
					'%s attachment is not offloaded yet: it is still served from this server.',
					'%s attachments are not offloaded yet: they are still served from this server.',
					left,
					'wp-media-cloud'
				),
				formatNumber( left )
			) }
			fix={
				storageWorks
					? __(
							'Start the migration: it uploads them in the background; its progress shows under Bulk migration below.',
							'wp-media-cloud'
						)
					: __(
							'The migration can start once the steps above are done.',
							'wp-media-cloud'
						)
			}
		>
			{ storageWorks && (
				<Flex justify="flex-start" className="wpmc-actions">
					<Button
						variant="primary"
						onClick={ () => void start.run() }
						isBusy={ start.busy }
						disabled={ start.busy }
						accessibleWhenDisabled
					>
						{ __( 'Start migration', 'wp-media-cloud' ) }
					</Button>
				</Flex>
			) }
		</Step>
	);
}

export function SetupChecklist( {
	config,
	setup,
	status,
	statusError,
	onMigrationStarted,
}: {
	config: AdminConfig;
	setup: Resource< SetupResponse >;
	status: StatusResponse | null;
	statusError: ApiErrorBody | null;
	onMigrationStarted: () => void;
} ) {
	const data = setup.data;
	const complete = isSetupComplete( data, status );
	const header = (
		<CardHeader>
			<h2>
				{ complete
					? __( 'Setup complete', 'wp-media-cloud' )
					: __( 'Set up Media Cloud', 'wp-media-cloud' ) }
			</h2>
		</CardHeader>
	);
	if ( ! data ) {
		return (
			<Card className="wpmc-card wpmc-setup">
				{ header }
				<CardBody>
					{ setup.error ? (
						<AdminNotice status="error">
							{ describeError( setup.error ) }
						</AdminNotice>
					) : (
						<Spinner />
					) }
				</CardBody>
			</Card>
		);
	}
	const done =
		data.steps.filter( ( step ) => step.state === 'done' ).length +
		( status?.attachments.not_offloaded === 0 ? 1 : 0 );
	// The test runs through the sidecar, on the saved settings: offered once both are there.
	const canTest = data.steps
		.filter( ( step ) => step.id === 'sidecar' || step.id === 'settings' )
		.every( ( step ) => step.state === 'done' );
	return (
		<Card
			className="wpmc-card wpmc-setup"
			data-complete={ complete ? 'true' : 'false' }
		>
			{ header }
			<CardBody>
				<p className="wpmc-setup__progress">
					{ sprintf(
						/* translators: 1: steps done, 2: number of steps. */
						__( '%1$d of %2$d steps done.', 'wp-media-cloud' ),
						done,
						4
					) }
				</p>
				<ol className="wpmc-setup__steps">
					{ data.steps.map( ( step, index ) => (
						<Step
							key={ step.id }
							number={ index + 1 }
							id={ step.id }
							title={ step.title }
							state={ step.state }
							summary={ step.summary }
							fix={ step.fix }
						>
							{ step.id === 'sidecar' &&
								step.state !== 'done' && (
									<SidecarHelp
										step={ step }
										setup={ data }
										checking={ setup.loading }
										onCheck={ () => void setup.reload() }
									/>
								) }
							{ step.id === 'settings' && (
								<p>
									<a
										className={
											step.state === 'done'
												? ''
												: 'button button-primary'
										}
										href={ config.urls.settings }
									>
										{ step.state === 'done'
											? __(
													'Change storage settings',
													'wp-media-cloud'
												)
											: __(
													'Open Settings',
													'wp-media-cloud'
												) }
									</a>
								</p>
							) }
							{ step.id === 'connection' && (
								<>
									{ step.state === 'failing' &&
										!! step.failing?.length && (
											<HealthResults
												results={ step.failing }
											/>
										) }
									{ step.state !== 'done' && canTest && (
										<ConnectionTest
											onTested={ setup.reload }
										/>
									) }
								</>
							) }
						</Step>
					) ) }
					<MediaStep
						number={ data.steps.length + 1 }
						status={ status }
						statusError={ statusError }
						storageWorks={ data.storage_works }
						onMigrationStarted={ onMigrationStarted }
					/>
				</ol>
			</CardBody>
		</Card>
	);
}
