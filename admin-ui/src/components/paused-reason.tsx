// Why the sidecar paused a run by itself: a storage-wide error (refused key, missing bucket…) that would
// fail every item alike. Shown with the fix, since nothing moves until the user acts.
import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { MigrationResponse } from '../types';

export function PausedReason( { job }: { job: MigrationResponse } ) {
	const reason = job.state === 'paused' ? job.paused_reason : null;
	if ( ! reason ) {
		return null;
	}
	return (
		<Notice status="error" isDismissible={ false } className="wpmc-paused-reason">
			<p>
				<strong>
					{ __( 'Paused by Media Cloud:', 'wp-media-cloud' ) }
				</strong>{ ' ' }
				{ reason.message }
			</p>
			<p>
				{ reason.remedy }{ ' ' }
				{ __(
					'Then resume: the files not uploaded yet keep their attempts.',
					'wp-media-cloud'
				) }
			</p>
		</Notice>
	);
}
