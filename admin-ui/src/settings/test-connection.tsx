// "Test connection": saves pending changes, then runs the connectivity, credentials and upload checks. The upload
// check also loads the test file at the URL pages use, so a pass means images will show.
import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import contract from '../../../plugin/contract.json';
import { describeError, request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { useNotify } from '../components/notices';
import { useAction } from '../components/use-action';
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
	const [ result, setResult ] = useState< HealthResponse | null >( null );
	const [ warning, setWarning ] = useState< ApiErrorBody | null >( null );
	const notify = useNotify();

	const test = useAction(
		async ( confirm: boolean ) => {
			setWarning( null );
			if ( dirty ) {
				// The save reports its own failures (at the fields, or in a snackbar).
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
			if (
				response.results.some( ( item ) => item.status === 'critical' )
			) {
				notify.error(
					__(
						'The connection test failed: see the cause and fix below.',
						'wp-media-cloud'
					)
				);
			} else {
				notify.success( __( 'Connection works.', 'wp-media-cloud' ) );
			}
		},
		{ errors: 'both' }
	);

	return (
		<div className="wpmc-test-connection">
			<Button
				variant="secondary"
				onClick={ () => void test.run( false ) }
				isBusy={ test.busy }
				disabled={ test.busy }
				accessibleWhenDisabled
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
			{ warning && (
				<SaveWarning
					warning={ warning }
					confirmLabel={ __(
						'Save anyway and test',
						'wp-media-cloud'
					) }
					busy={ test.busy }
					onConfirm={ () => void test.run( true ) }
					onCancel={ () => setWarning( null ) }
				/>
			) }
			{ test.error && (
				<AdminNotice status="error">
					{ describeError( test.error ) }
				</AdminNotice>
			) }
			{ result && <HealthResults results={ result.results } /> }
		</div>
	);
}
