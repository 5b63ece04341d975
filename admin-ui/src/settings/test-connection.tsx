// "Test connection": saves pending changes, then runs the connectivity, credentials and upload checks.
import { Button, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { isMissingRoute, normaliseError, request } from '../api';
import { NotAvailable } from '../components/not-available';
import { useNotify } from '../components/notices';
import { HealthResults } from '../health/health-results';
import type { ApiErrorBody, HealthResponse } from '../types';

export const CONNECTION_CHECKS = [ 'connectivity', 'credentials', 'upload' ];

export function TestConnection( {
	beforeTest,
	dirty,
}: {
	beforeTest: () => Promise< boolean >;
	dirty: boolean;
} ) {
	const [ running, setRunning ] = useState( false );
	const [ result, setResult ] = useState< HealthResponse | null >( null );
	const [ error, setError ] = useState< ApiErrorBody | null >( null );
	const notify = useNotify();

	const run = async () => {
		setRunning( true );
		setError( null );
		try {
			if ( dirty && ! ( await beforeTest() ) ) {
				return;
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
				onClick={ run }
				isBusy={ running }
				disabled={ running }
			>
				{ __( 'Test connection', 'wp-media-cloud' ) }
			</Button>
			<p className="description">
				{ dirty
					? __(
							'Saves your changes first, then uploads, reads and deletes a small test file.',
							'wp-media-cloud'
						)
					: __(
							'Uploads, reads and deletes a small test file in the bucket.',
							'wp-media-cloud'
						) }
			</p>
			{ isMissingRoute( error ) && (
				<NotAvailable
					feature={ __( 'The connection test', 'wp-media-cloud' ) }
					route="POST /media-cloud/v1/health"
				/>
			) }
			{ error && ! isMissingRoute( error ) && (
				<Notice status="error" isDismissible={ false }>
					{ error.message }
				</Notice>
			) }
			{ result && <HealthResults results={ result.results } /> }
		</div>
	);
}
