// The last errors of a job, one row per attachment, with the reason and whether a retry can help.
import { __ } from '@wordpress/i18n';
import type { JobError } from '../types';

export function ErrorTable( {
	errors,
	caption,
}: {
	errors: JobError[];
	caption: string;
} ) {
	if ( ! errors.length ) {
		return null;
	}
	return (
		<table className="widefat striped wpmc-table wpmc-errors">
			<caption>{ caption }</caption>
			<thead>
				<tr>
					<th scope="col">
						{ __( 'Attachment', 'wp-media-cloud' ) }
					</th>
					<th scope="col">{ __( 'Reason', 'wp-media-cloud' ) }</th>
					<th scope="col">{ __( 'Attempts', 'wp-media-cloud' ) }</th>
					<th scope="col">{ __( 'Retried?', 'wp-media-cloud' ) }</th>
				</tr>
			</thead>
			<tbody>
				{ errors.map( ( error, index ) => (
					<tr key={ `${ error.attachment_id }-${ index }` }>
						<td>
							<a
								href={ `post.php?post=${ error.attachment_id }&action=edit` }
							>
								#{ error.attachment_id }
							</a>
						</td>
						<td>{ error.reason }</td>
						<td>{ error.attempts ?? '—' }</td>
						<td>
							{ error.permanent
								? __(
										'No: fix the cause, then start again',
										'wp-media-cloud'
									)
								: __( 'Yes, automatically', 'wp-media-cloud' ) }
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
