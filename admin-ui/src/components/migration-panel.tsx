// Bulk migration of existing media: live progress while it runs, Start / Pause / Resume / Cancel, and
// the last errors. The Dashboard and Tools › Bulk Migration both show it.
import { Button, Flex, Notice, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { isMissingRoute, normaliseError, request } from '../api';
import type { JobState, MigrationResponse } from '../types';
import { ErrorTable } from './error-table';
import { isJobProgress, JobProgress } from './job-progress';
import { NotAvailable } from './not-available';
import { useNotify } from './notices';
import { RunNotices } from './run-notices';
import { usePolling, useResource } from './use-request';

const POLL_MS = 1500;

export function MigrationPanel( { onFinished }: { onFinished?: () => void } ) {
	const migration = useResource< MigrationResponse >( '/migration' );
	const notify = useNotify();
	const [ busy, setBusy ] = useState( false );
	const state = migration.data?.state;

	usePolling(
		async () => {
			const next = await migration.reload();
			if ( next && next.state !== 'running' ) {
				onFinished?.();
			}
		},
		POLL_MS,
		state === 'running'
	);

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
				{ migration.error.message }
			</Notice>
		) : (
			<Spinner />
		);
	}

	const act = async ( run: () => Promise< unknown >, success: string ) => {
		setBusy( true );
		try {
			// The answer is the run's new progress: show it at once, never the previous run's.
			const answer = await run();
			if ( isJobProgress( answer ) ) {
				migration.setData( answer );
			}
			notify.success( success );
		} catch ( caught ) {
			notify.error( normaliseError( caught ) );
		} finally {
			await migration.reload();
			setBusy( false );
		}
	};
	const setState = ( next: JobState, success: string ) =>
		act( () => request( 'PATCH', '/migration', { state: next } ), success );

	const data = migration.data;
	const canStart = data.state !== 'running' && data.state !== 'paused';
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
			<Flex justify="flex-start" gap={ 2 } className="wpmc-actions">
				{ canStart && (
					<Button
						variant="primary"
						isBusy={ busy }
						disabled={ busy }
						onClick={ () =>
							act(
								() => request( 'POST', '/migration', {} ),
								__( 'Migration started.', 'wp-media-cloud' )
							)
						}
					>
						{ __( 'Start migration', 'wp-media-cloud' ) }
					</Button>
				) }
				{ data.state === 'running' && (
					<Button
						variant="secondary"
						disabled={ busy }
						onClick={ () =>
							setState(
								'paused',
								__( 'Migration paused.', 'wp-media-cloud' )
							)
						}
					>
						{ __( 'Pause', 'wp-media-cloud' ) }
					</Button>
				) }
				{ data.state === 'paused' && (
					<Button
						variant="primary"
						disabled={ busy }
						onClick={ () =>
							setState(
								'running',
								__( 'Migration resumed.', 'wp-media-cloud' )
							)
						}
					>
						{ __( 'Resume', 'wp-media-cloud' ) }
					</Button>
				) }
				{ ( data.state === 'running' || data.state === 'paused' ) && (
					<Button
						variant="tertiary"
						isDestructive
						disabled={ busy }
						onClick={ () =>
							setState(
								'cancelled',
								__( 'Migration cancelled.', 'wp-media-cloud' )
							)
						}
					>
						{ __( 'Cancel', 'wp-media-cloud' ) }
					</Button>
				) }
			</Flex>
			<ErrorTable
				errors={ data.errors ?? [] }
				caption={ __( 'Last errors', 'wp-media-cloud' ) }
			/>
		</div>
	);
}
