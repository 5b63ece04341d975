// Tools › Audit missing files: attachments whose files are neither on this server nor in the bucket
// (the docs' "Check 8"), which only a backup can restore; apart from them, the ones whose older storage could not
// be asked (audit-unchecked.tsx), which are unknown, not missing.
import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { describeError, request } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { attachmentColumn, DataTable } from '../components/data-table';
import { formatNumber } from '../components/format';
import { JobProgress } from '../components/job-progress';
import { useAction } from '../components/use-action';
import { AuditUnchecked, type UncheckedItem } from './audit-unchecked';

interface MissingItem {
	attachment_id: number;
	title: string;
	files: string[];
}

/** One page of `GET /audit`: the attachments after the cursor, checked on disk and in the bucket. */
interface AuditPage {
	checked: number;
	total: number;
	next_after: number;
	done: boolean;
	items: MissingItem[];
	/** Attachments in an older storage that did not answer: not checked, so not called missing. */
	unchecked: UncheckedItem[];
}

interface AuditFound {
	missing: MissingItem[];
	unchecked: UncheckedItem[];
}

export function AuditMissing() {
	const [ found, setFound ] = useState< AuditFound | null >( null );
	const [ progress, setProgress ] = useState< {
		checked: number;
		total: number;
	} | null >( null );

	// Page by page, so a library of any size stays within PHP's time limit and the bar moves.
	const audit = useAction(
		async () => {
			setFound( null );
			const missing: MissingItem[] = [];
			const unchecked: UncheckedItem[] = [];
			let checked = 0;
			let after = 0;
			for (;;) {
				const page = await request< AuditPage >(
					'GET',
					`/audit?after=${ after }`
				);
				missing.push( ...page.items );
				unchecked.push( ...( page.unchecked ?? [] ) );
				checked += page.checked;
				after = page.next_after;
				setProgress( { checked, total: page.total } );
				if ( page.done ) {
					break;
				}
			}
			setFound( { missing, unchecked } );
		},
		{ errors: 'inline' }
	);
	const running = audit.busy;
	const checked = progress?.checked ?? null;
	const items = found?.missing;
	const unchecked = found?.unchecked ?? [];

	return (
		<>
			<p>
				{ __(
					'Finds attachments whose files are missing both on this server and in the bucket. Restore those files from a backup, then run the migration again.',
					'wp-media-cloud'
				) }
			</p>
			<Button
				variant="secondary"
				onClick={ () => void audit.run() }
				isBusy={ running }
				disabled={ running }
				accessibleWhenDisabled
			>
				{ __( 'Audit missing files', 'wp-media-cloud' ) }
			</Button>
			{ audit.error && (
				<AdminNotice status="error">
					{ describeError( audit.error ) }
				</AdminNotice>
			) }
			{ running && progress && (
				<JobProgress
					state="running"
					total={ progress.total }
					done={ progress.checked }
				/>
			) }
			{ items && (
				<AdminNotice
					status={
						items.length || unchecked.length ? 'warning' : 'success'
					}
					className="wpmc-audit-summary"
				>
					{ items.length
						? sprintf(
								/* translators: %s: number of attachments. */
								_n(
									'%s attachment has missing files.',
									'%s attachments have missing files.',
									items.length,
									'wp-media-cloud'
								),
								formatNumber( items.length )
							)
						: summaryWithoutMissing( unchecked.length ) }
					{ items.length > 0 &&
						unchecked.length > 0 &&
						' ' +
							sprintf(
								/* translators: %s: number of attachments. */
								_n(
									'%s attachment could not be checked (below).',
									'%s attachments could not be checked (below).',
									unchecked.length,
									'wp-media-cloud'
								),
								formatNumber( unchecked.length )
							) }
					{ checked !== null &&
						' ' +
							sprintf(
								/* translators: %s: number of attachments. */
								_n(
									'%s attachment checked.',
									'%s attachments checked.',
									checked,
									'wp-media-cloud'
								),
								formatNumber( checked )
							) }
				</AdminNotice>
			) }
			{ items && items.length > 0 && (
				<DataTable
					className="wpmc-audit"
					rows={ items }
					rowKey={ ( item ) => item.attachment_id }
					columns={ [
						attachmentColumn(),
						{
							label: __( 'Missing files', 'wp-media-cloud' ),
							cell: ( item ) => item.files.join( ', ' ),
						},
					] }
				/>
			) }
			{ found && <AuditUnchecked items={ unchecked } /> }
		</>
	);
}

/**
 * The summary's first sentence when no file was found missing: all checked, or some could not be.
 *
 * @param unchecked Attachments whose older storage did not answer.
 */
function summaryWithoutMissing( unchecked: number ): string {
	if ( ! unchecked ) {
		return __(
			'No missing files: every attachment is on this server or in the bucket.',
			'wp-media-cloud'
		);
	}
	return sprintf(
		/* translators: %s: number of attachments. */
		_n(
			'No missing files among the attachments that could be checked; %s attachment could not be checked (below).',
			'No missing files among the attachments that could be checked; %s attachments could not be checked (below).',
			unchecked,
			'wp-media-cloud'
		),
		formatNumber( unchecked )
	);
}
