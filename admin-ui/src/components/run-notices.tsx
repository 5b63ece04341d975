// What a migration or download run needs the user to know beyond its numbers: the sidecar paused it
// because the storage refuses the settings (nothing moves until the user fixes them and resumes), or the
// storage stopped answering and the run waits for it (it goes on by itself).
import { __, sprintf } from '@wordpress/i18n';
import type { RunProgress } from '../types';
import { AdminNotice } from './admin-notice';

export function RunNotices( { job }: { job: RunProgress } ) {
	const paused = job.state === 'paused' ? job.paused_reason : null;
	const waiting = job.state === 'running' ? job.waiting_for_storage : null;
	if ( paused ) {
		return (
			<AdminNotice status="error" className="wpmc-paused-reason">
				<p>
					<strong>
						{ __( 'Paused by Media Cloud:', 'wp-media-cloud' ) }
					</strong>{ ' ' }
					{ paused.message }
				</p>
				<p>
					{ paused.remedy }{ ' ' }
					{ __(
						'Then resume: the files not uploaded yet keep their attempts.',
						'wp-media-cloud'
					) }
				</p>
			</AdminNotice>
		);
	}
	if ( waiting ) {
		return (
			<AdminNotice status="warning" className="wpmc-waiting-for-storage">
				<p>
					<strong>
						{ __( 'Waiting for the storage:', 'wp-media-cloud' ) }
					</strong>{ ' ' }
					{ waiting.message }
				</p>
				<p>
					{ sprintf(
						/* translators: %s: time of day of the next attempt. */
						__(
							'Media Cloud tries again by itself at %s and goes on as soon as the storage answers; no file is marked failed meanwhile. If it lasts, check the provider’s status page.',
							'wp-media-cloud'
						),
						new Date( waiting.retry_at * 1000 ).toLocaleTimeString()
					) }
				</p>
			</AdminNotice>
		);
	}
	return null;
}
