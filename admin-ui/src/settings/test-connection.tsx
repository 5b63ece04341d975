// "Test connection": saves pending changes, then runs the connectivity, credentials and upload checks. The upload
// check also loads the test file at the URL pages use, so a pass means images will show.
import { Button, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import contract from '../../../plugin/contract.json';
import { describeError, isMissingRoute, normaliseError, request } from '../api';
import { NotAvailable } from '../components/not-available';
import { useNotify } from '../components/notices';
import { HealthResults } from '../health/health-results';
import type { ApiErrorBody, HealthResponse } from '../types';
import { isUrlWarning, SaveWarning } from './save-warning';
import type { SaveOutcome } from './use-settings-form';

// The ids come from the sidecar through the contract file WordPress reads too (npm run build:contract).
export const CONNECTION_CHECKS: string[] = contract.health.connection_checks;

export function TestConnection( {
	beforeTest,
	dirty,
}: {
	/** Saves the pending changes (`confirm`: despite the warning that pages could not load files). */
	beforeTest: ( confirm: boolean ) => Promise< SaveOutcome >;
	dirty: boolean;
} ) {
	const [ running, setRunning ] = useState( false );
	const [ result, setResult ] = useState< HealthResponse | null >( null );
	const [ error, setError ] = useState< ApiErrorBody | null >( null );
	const [ warning, setWarning ] = useState< ApiErrorBody | null >( null );
	const notify = useNotify();

	const run = async ( confirm = false ) => {
		setRunning( true );
		setError( null );
		setWarning( null );
		try {
			if ( dirty ) {
				const saved = await beforeTest( confirm );
				if ( ! saved.ok ) {
					if ( isUrlWarning( saved.error ) ) {
						setResult( null );
						setWarning( saved.error );
					}
					return;
				}
			}
			const response = await request< HealthResponse >(
				'POST',
				'/health',
				{ checks: CONNECTION_CHECKS }
			);
			setResult( response );
			const failed = response.results.filter(
				( item ) => item.status === 'critical'
			).length;
			if ( failed ) {
				notify.error(
					__(
						'The connection test failed: see the cause and fix below.',
						'wp-media-cloud'
					)
				);
			} else {
				notify.success( __( 'Connection works.', 'wp-media-cloud' ) );
			}
		} catch ( caught ) {
			const normalised = normaliseError( caught );
			setError( normalised );
			if ( ! isMissingRoute( normalised ) ) {
				notify.error( normalised );
			}
		} finally {
			setRunning( false );
		}
	};

	return (
		<div className="wpmc-test-connection">
			<Button
				variant="secondary"
				onClick={ () => void run() }
				isBusy={ running }
				disabled={ running }
			>
				{ __( 'Test connection', 'wp-media-cloud' ) }
			</Button>
			<p className="description">
				{ dirty
					? __(
							'Saves your changes first, then uploads a small test file, reads it back, loads it at the address your pages will use, and deletes it.',
							'wp-media-cloud'
						)
					: __(
							'Uploads a small test file, reads it back, loads it at the address your pages will use, and deletes it.',
							'wp-media-cloud'
						) }
			</p>
			{ isMissingRoute( error ) && (
				<NotAvailable
					feature={ __( 'The connection test', 'wp-media-cloud' ) }
					route="POST /media-cloud/v1/health"
				/>
			) }
			{ warning && (
				<SaveWarning
					warning={ warning }
					confirmLabel={ __(
						'Save anyway and test',
						'wp-media-cloud'
					) }
					busy={ running }
					onConfirm={ () => void run( true ) }
					onCancel={ () => setWarning( null ) }
				/>
			) }
			{ error && ! isMissingRoute( error ) && (
				<Notice status="error" isDismissible={ false }>
					{ describeError( error ) }
				</Notice>
			) }
			{ result && <HealthResults results={ result.results } /> }
		</div>
	);
}
