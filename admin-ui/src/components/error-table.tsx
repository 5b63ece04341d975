// The last errors of a job, one row per attachment, with the reason and whether a retry can help, and what
// to do about them: a remedy the route gives for one error in its row, a remedy known by code once below.
import { __ } from '@wordpress/i18n';
import type { JobError } from '../types';

export function ErrorTable( {
	errors,
	caption,
	remedies = {},
}: {
	errors: JobError[];
	caption: string;
	/** What to do, by error code, for errors the route reports without a remedy of their own. */
	remedies?: Record< string, string >;
} ) {
	if ( ! errors.length ) {
		return null;
	}
	const codes = [
		...new Set(
			errors
				.filter( ( error ) => ! error.remedy )
				.map( ( error ) => error.code ?? '' )
		),
	].filter( ( code ) => remedies[ code ] );
	return (
		<>
			<div className="wpmc-table-scroll">
				<table className="widefat striped wpmc-table wpmc-errors">
					<caption>{ caption }</caption>
					<thead>
						<tr>
							<th scope="col">
								{ __( 'Attachment', 'wp-media-cloud' ) }
							</th>
							<th scope="col">
								{ __( 'Reason', 'wp-media-cloud' ) }
							</th>
							<th scope="col">
								{ __( 'Attempts', 'wp-media-cloud' ) }
							</th>
							<th scope="col">
								{ __( 'Retried?', 'wp-media-cloud' ) }
							</th>
						</tr>
					</thead>
					<tbody>
						{ errors.map( ( error, index ) => {
							const remedy = error.remedy;
							return (
								<tr
									key={ `${ error.attachment_id }-${ index }` }
								>
									<td>
										<a
											href={ `post.php?post=${ error.attachment_id }&action=edit` }
										>
											#{ error.attachment_id }
										</a>
									</td>
									<td>
										{ error.reason }
										{ remedy && (
											<span className="wpmc-errors__remedy">
												{ remedy }
											</span>
										) }
									</td>
									<td>{ error.attempts ?? '—' }</td>
									<td>
										{ error.permanent
											? __(
													'No: fix the cause, then start again',
													'wp-media-cloud'
												)
											: __(
													'Yes, automatically',
													'wp-media-cloud'
												) }
									</td>
								</tr>
							);
						} ) }
					</tbody>
				</table>
			</div>
			{ codes.length > 0 && (
				<div className="wpmc-errors__remedies">
					{ codes.map( ( code ) => (
						<p key={ code }>
							<strong>
								{ __( 'What to do:', 'wp-media-cloud' ) }
							</strong>{ ' ' }
							{ remedies[ code ] }
						</p>
					) ) }
				</div>
			) }
		</>
	);
}
