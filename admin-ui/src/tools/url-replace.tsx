// Tools › URL Replace: scan post content and postmeta for media URLs saved as text, replace them (or
// try a dry run first), undo a run, and purge page caches afterwards.
import { Button, Flex, SelectControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { DataTable, EditLink } from '../components/data-table';
import { formatNumber } from '../components/format';
import { JobProgress } from '../components/job-progress';
import { useAction } from '../components/use-action';
import type { UrlReplaceScan } from '../types';
import { useUrlReplaceRun, type Run } from './url-replace-run';

type Direction = 'to-cloud' | 'to-local';
const SHOWN_ITEMS = 50;

export function UrlReplace() {
	const [ direction, setDirection ] = useState< Direction >( 'to-cloud' );
	const [ scan, setScan ] = useState< UrlReplaceScan | null >( null );
	const runs = useUrlReplaceRun();
	const scanning = useAction( async () =>
		setScan(
			await request< UrlReplaceScan >( 'POST', '/url-replace/scans', {
				direction,
			} )
		)
	);
	const purge = useAction(
		() => request< { purged: string[] } >( 'POST', '/cache-purges' ),
		{
			success: ( answer ) =>
				answer.purged.length
					? sprintf(
							/* translators: %s: list of caches. */
							__( 'Purged: %s.', 'wp-media-cloud' ),
							answer.purged.join( ', ' )
						)
					: __(
							'No page cache was found to purge.',
							'wp-media-cloud'
						),
		}
	);
	const busy = scanning.busy || runs.busy || purge.busy;
	const run = runs.run;

	return (
		<>
			<p>
				{ __(
					'Some page builders save full image URLs as text. This finds those URLs in post content and postmeta and replaces them. Take a database backup first, and try it on a staging site.',
					'wp-media-cloud'
				) }
			</p>
			<SelectControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				label={ __( 'Direction', 'wp-media-cloud' ) }
				value={ direction }
				disabled={ busy }
				options={ [
					{
						value: 'to-cloud',
						label: __(
							'Local URLs → cloud URLs',
							'wp-media-cloud'
						),
					},
					{
						value: 'to-local',
						label: __(
							'Cloud URLs → local URLs',
							'wp-media-cloud'
						),
					},
				] }
				onChange={ ( value: string ) => {
					setDirection( value as Direction );
					setScan( null );
					runs.clear();
				} }
			/>
			<Flex justify="flex-start" gap={ 2 } className="wpmc-actions">
				<Button
					variant="secondary"
					disabled={ busy }
					accessibleWhenDisabled
					isBusy={ scanning.busy }
					onClick={ () => void scanning.run() }
				>
					{ __( 'Scan', 'wp-media-cloud' ) }
				</Button>
				<Button
					variant="secondary"
					disabled={ busy }
					accessibleWhenDisabled
					onClick={ () => void runs.start( direction, true ) }
				>
					{ __( 'Dry run', 'wp-media-cloud' ) }
				</Button>
				<Button
					variant="primary"
					disabled={ busy }
					accessibleWhenDisabled
					onClick={ () => {
						// It writes to posts and postmeta: one more look before it does.
						// eslint-disable-next-line no-alert
						const confirmed = window.confirm(
							__(
								'Replace the stored URLs now? Take a database backup first. You can undo this run afterwards.',
								'wp-media-cloud'
							)
						);
						if ( confirmed ) {
							void runs.start( direction, false );
						}
					} }
				>
					{ __( 'Replace URLs', 'wp-media-cloud' ) }
				</Button>
				<Button
					variant="tertiary"
					disabled={ busy }
					accessibleWhenDisabled
					isBusy={ purge.busy }
					onClick={ () => void purge.run() }
				>
					{ __( 'Purge page caches', 'wp-media-cloud' ) }
				</Button>
			</Flex>
			{ scan && <ScanResult scan={ scan } /> }
			{ run && (
				<div className="wpmc-url-run">
					<JobProgress
						state={ run.state }
						total={ run.total }
						done={ run.processed }
					/>
					<p className="wpmc-url-run__summary">
						{ runSummary( run ) }
					</p>
					{ ! run.dry_run &&
						( run.state === 'done' || run.state === 'stopped' ) &&
						run.changed > 0 && (
							<Button
								variant="secondary"
								isDestructive
								disabled={ busy }
								accessibleWhenDisabled
								onClick={ () => void runs.undo( run.id ) }
							>
								{ __( 'Undo this run', 'wp-media-cloud' ) }
							</Button>
						) }
				</div>
			) }
		</>
	);
}

/**
 * "Dry run: 3 fields would change." or "3 fields changed. Caches purged: WP Rocket."
 * @param run
 */
function runSummary( run: Run ): string {
	const changed = formatNumber( run.changed );
	const summary = run.dry_run
		? sprintf(
				/* translators: %s: number of fields. */
				_n(
					'Dry run: %s field would change.',
					'Dry run: %s fields would change.',
					run.changed,
					'wp-media-cloud'
				),
				changed
			)
		: sprintf(
				/* translators: %s: number of fields. */
				_n(
					'%s field changed.',
					'%s fields changed.',
					run.changed,
					'wp-media-cloud'
				),
				changed
			);
	if ( ! run.purged?.length ) {
		return summary;
	}
	return `${ summary } ${ sprintf(
		/* translators: %s: list of caches. */
		__( 'Caches purged: %s.', 'wp-media-cloud' ),
		run.purged.join( ', ' )
	) }`;
}

function ScanResult( { scan }: { scan: UrlReplaceScan } ) {
	const notOffloaded =
		scan.not_offloaded_total ?? scan.not_offloaded?.length ?? 0;
	return (
		<div className="wpmc-url-scan">
			<p>
				{ sprintf(
					/* translators: %s: number of URLs. */
					_n(
						'%s stored URL would change.',
						'%s stored URLs would change.',
						scan.total,
						'wp-media-cloud'
					),
					formatNumber( scan.total )
				) }
			</p>
			{ notOffloaded > 0 && (
				<AdminNotice status="warning">
					{ sprintf(
						/* translators: %s: number of files. */
						_n(
							'%s URL points to a file that is not offloaded yet; it is left as it is. Run the migration first.',
							'%s URLs point to files that are not offloaded yet; they are left as they are. Run the migration first.',
							notOffloaded,
							'wp-media-cloud'
						),
						formatNumber( notOffloaded )
					) }
				</AdminNotice>
			) }
			{ scan.items.length > 0 && (
				<DataTable
					rows={ scan.items.slice( 0, SHOWN_ITEMS ) }
					rowKey={ ( item, index ) =>
						`${ item.post_id }-${ item.field }-${ index }`
					}
					columns={ [
						{
							label: __( 'Post', 'wp-media-cloud' ),
							cell: ( item ) => <EditLink id={ item.post_id } />,
						},
						{
							label: __( 'Field', 'wp-media-cloud' ),
							cell: ( item ) => item.field,
						},
						{
							label: __( 'Old URL', 'wp-media-cloud' ),
							cell: ( item ) => item.old_url,
							className: 'wpmc-url',
						},
						{
							label: __( 'New URL', 'wp-media-cloud' ),
							cell: ( item ) => item.new_url,
							className: 'wpmc-url',
						},
					] }
				/>
			) }
		</div>
	);
}
