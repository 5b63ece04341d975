// The Dashboard's "Media library" card: how much of the library is offloaded, as a small chart with its sentence
// (attachments, and files with every image size), and the docs' "Check 1" warning while some are not offloaded.
import { Card, CardBody, CardHeader, Spinner } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import { describeError } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { formatNumber } from '../components/format';
import {
	attachmentsSummary,
	filesSummary,
	type LibraryCounts,
} from '../components/library-wording';
import { OffloadChart } from '../components/offload-chart';
import type { Resource } from '../components/use-request';
import type { StatusResponse } from '../types';

function Count( {
	label,
	counts,
	summary,
}: {
	label: string;
	counts: LibraryCounts;
	summary: string;
} ) {
	return (
		<div
			className="wpmc-count"
			data-offloaded={ counts.offloaded }
			data-total={ counts.total }
		>
			<span className="wpmc-count__label">{ label }</span>
			<OffloadChart counts={ counts } summary={ summary } />
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
		<AdminNotice status="warning" className="wpmc-mismatch">
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
		</AdminNotice>
	);
}

export function LibraryCard( {
	status,
}: {
	status: Resource< StatusResponse >;
} ) {
	const data = status.data;
	return (
		<Card className="wpmc-card">
			<CardHeader>
				<h2>{ __( 'Media library', 'wp-media-cloud' ) }</h2>
			</CardHeader>
			<CardBody>
				{ status.error && (
					<AdminNotice status="error">
						{ describeError( status.error ) }
					</AdminNotice>
				) }
				{ ! data && ! status.error && <Spinner /> }
				{ data && (
					<>
						<MismatchWarning status={ data } />
						<div className="wpmc-counts">
							<Count
								label={ __( 'Attachments', 'wp-media-cloud' ) }
								counts={ data.attachments }
								summary={ attachmentsSummary(
									data.attachments
								) }
							/>
							<Count
								label={ __(
									'Files (with every image size)',
									'wp-media-cloud'
								) }
								counts={ data.files }
								summary={ filesSummary( data.files ) }
							/>
						</div>
					</>
				) }
			</CardBody>
		</Card>
	);
}
