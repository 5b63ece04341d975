// Health: run every check, one row per check with its status, cause and fix, and a report for support.
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Flex,
	Spinner,
	TextareaControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { describeError, request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { formatDate } from '../components/format';
import { useNotify } from '../components/notices';
import { useAction } from '../components/use-action';
import { useResource } from '../components/use-request';
import type { AdminConfig, HealthResponse, SettingsResponse } from '../types';
import { HealthResults } from './health-results';
import { buildReport, copyText } from './report';

function Summary( { health }: { health: HealthResponse } ) {
	const critical = health.results.filter(
		( result ) => result.status === 'critical'
	).length;
	const recommended = health.results.filter(
		( result ) => result.status === 'recommended'
	).length;
	if ( ! critical && ! recommended ) {
		return (
			<AdminNotice status="success" className="wpmc-health-summary">
				{ __( 'Every check passed.', 'wp-media-cloud' ) }
			</AdminNotice>
		);
	}
	return (
		<AdminNotice
			status={ critical ? 'error' : 'warning' }
			className="wpmc-health-summary"
		>
			{ [
				critical
					? sprintf(
							/* translators: %d: number of checks. */
							_n(
								'%d critical issue',
								'%d critical issues',
								critical,
								'wp-media-cloud'
							),
							critical
						)
					: '',
				recommended
					? sprintf(
							/* translators: %d: number of checks. */
							_n(
								'%d recommended improvement',
								'%d recommended improvements',
								recommended,
								'wp-media-cloud'
							),
							recommended
						)
					: '',
			]
				.filter( Boolean )
				.join( ', ' ) }
		</AdminNotice>
	);
}

export function HealthPage( { config }: { config: AdminConfig } ) {
	const last = useResource< HealthResponse >( '/health' );
	const settings = useResource< SettingsResponse >( '/settings' );
	const [ showReport, setShowReport ] = useState( false );
	const notify = useNotify();
	const health = last.data;
	const checks = useAction( async () =>
		last.setData( await request< HealthResponse >( 'POST', '/health', {} ) )
	);

	const report = health?.results.length
		? buildReport( {
				version: config.version,
				site: window.location.origin,
				health,
				settings: settings.data,
			} )
		: '';

	return (
		<div className="wpmc-page wpmc-health-page">
			<Card className="wpmc-card">
				<CardHeader>
					<h2>{ __( 'Health check', 'wp-media-cloud' ) }</h2>
				</CardHeader>
				<CardBody>
					<p>
						{ __(
							'Checks the connection to your storage, the credentials, a test upload, the public URL and the CDN, and says how to fix what fails.',
							'wp-media-cloud'
						) }
					</p>
					<Flex
						justify="flex-start"
						gap={ 2 }
						className="wpmc-actions"
					>
						<Button
							variant="primary"
							onClick={ () => void checks.run() }
							isBusy={ checks.busy }
							disabled={ checks.busy }
							accessibleWhenDisabled
						>
							{ health?.results.length
								? __( 'Run the checks again', 'wp-media-cloud' )
								: __( 'Run health check', 'wp-media-cloud' ) }
						</Button>
						{ report && (
							<Button
								variant="secondary"
								onClick={ () => {
									setShowReport( true );
									copyText( report ).then(
										() =>
											notify.success(
												__(
													'Report copied. Paste it into your support request.',
													'wp-media-cloud'
												)
											),
										() =>
											notify.error(
												__(
													'Copying was refused by the browser: select the report below and copy it.',
													'wp-media-cloud'
												)
											)
									);
								} }
							>
								{ __( 'Copy report', 'wp-media-cloud' ) }
							</Button>
						) }
					</Flex>
					{ last.loading && ! health && <Spinner /> }
					{ last.error && ! health && (
						<AdminNotice status="error">
							{ describeError( last.error ) }
						</AdminNotice>
					) }
					{ health?.results.length ? (
						<>
							<p className="wpmc-health-ran">
								{ sprintf(
									/* translators: %s: date and time. */
									__( 'Last run: %s', 'wp-media-cloud' ),
									formatDate( health.ran_at ?? null )
								) }
							</p>
							<Summary health={ health } />
							<HealthResults results={ health.results } sort />
						</>
					) : (
						! last.loading && (
							<p className="wpmc-empty">
								{ __(
									'The checks have not run yet.',
									'wp-media-cloud'
								) }
							</p>
						)
					) }
					{ showReport && report && (
						<TextareaControl
							__nextHasNoMarginBottom
							className="wpmc-report"
							label={ __(
								'Report for support (no keys or passwords)',
								'wp-media-cloud'
							) }
							value={ report }
							rows={ 12 }
							readOnly
							onChange={ () => undefined }
						/>
					) }
				</CardBody>
			</Card>
		</div>
	);
}
