// Tools › Bulk Migration: count what a migration would do (dry run), then run it with live progress.
import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { describeError, request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { formatBytes, formatNumber } from '../components/format';
import { MigrationPanel } from '../components/migration-panel';
import { useAction } from '../components/use-action';
import { useResource } from '../components/use-request';
import type { StatusResponse } from '../types';

/**
 * "already_offloaded" → "Already offloaded".
 * @param key
 */
const humanise = ( key: string ) =>
	key.charAt( 0 ).toUpperCase() + key.slice( 1 ).replace( /_/g, ' ' );

/**
 * Every number in the dry-run answer, nested objects flattened ("files total").
 * @param value
 * @param prefix
 */
function countsOf( value: unknown, prefix = '' ): Array< [ string, number ] > {
	if ( ! value || typeof value !== 'object' ) {
		return [];
	}
	return Object.entries( value as Record< string, unknown > ).flatMap(
		( [ key, item ] ) => {
			const name = prefix ? `${ prefix } ${ key }` : key;
			if ( typeof item === 'number' ) {
				return [ [ name, item ] as [ string, number ] ];
			}
			return Array.isArray( item ) ? [] : countsOf( item, name );
		}
	);
}

export function BulkMigration() {
	const [ counts, setCounts ] = useState< Array<
		[ string, number ]
	> | null >( null );
	// What is left to offload: with nothing left the panel says so instead of offering Start.
	const status = useResource< StatusResponse >( '/status' );
	const dryRun = useAction(
		async () => {
			const answer = await request< Record< string, unknown > >(
				'POST',
				'/migration',
				{ dry_run: true }
			);
			setCounts(
				countsOf( answer ).filter(
					( [ key ] ) =>
						! [ 'rate_per_second', 'eta_seconds' ].includes( key )
				)
			);
		},
		{ errors: 'inline' }
	);

	return (
		<>
			<p>
				{ __(
					'Uploads every file of the media library that is not in the bucket yet, with all its image sizes. It runs in the background: you can leave this page, pause and resume.',
					'wp-media-cloud'
				) }
			</p>
			<Button
				variant="secondary"
				onClick={ () => void dryRun.run() }
				isBusy={ dryRun.busy }
				disabled={ dryRun.busy }
				accessibleWhenDisabled
			>
				{ __(
					'Count what would be migrated (dry run)',
					'wp-media-cloud'
				) }
			</Button>
			{ dryRun.error && (
				<AdminNotice status="error">
					{ describeError( dryRun.error ) }
				</AdminNotice>
			) }
			{ counts && (
				<table className="widefat striped wpmc-table wpmc-dry-run">
					<caption>
						{ __(
							'Dry run: nothing was uploaded',
							'wp-media-cloud'
						) }
					</caption>
					<tbody>
						{ counts.map( ( [ key, value ] ) => (
							<tr key={ key }>
								<th scope="row">{ humanise( key ) }</th>
								<td>
									{ /bytes/.test( key )
										? formatBytes( value )
										: formatNumber( value ) }
								</td>
							</tr>
						) ) }
					</tbody>
				</table>
			) }
			<MigrationPanel
				library={ status.data?.attachments ?? null }
				onFinished={ () => void status.reload() }
			/>
		</>
	);
}
