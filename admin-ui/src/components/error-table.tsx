// The last errors of a job, one row per attachment, with the reason and whether a retry can help, and what
// to do about them: a remedy the route gives for one error in its row, a remedy known by code once below.
import { __ } from '@wordpress/i18n';
import type { JobError } from '../types';
import { attachmentColumn, DataTable } from './data-table';

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
			<DataTable
				className="wpmc-errors"
				caption={ caption }
				rows={ errors }
				rowKey={ ( error, index ) =>
					`${ error.attachment_id }-${ index }`
				}
				columns={ [
					attachmentColumn(),
					{
						label: __( 'Reason', 'wp-media-cloud' ),
						cell: ( error ) => (
							<>
								{ error.reason }
								{ error.remedy && (
									<span className="wpmc-errors__remedy">
										{ error.remedy }
									</span>
								) }
							</>
						),
					},
					{
						label: __( 'Attempts', 'wp-media-cloud' ),
						cell: ( error ) => error.attempts ?? '—',
					},
					{
						label: __( 'Retried?', 'wp-media-cloud' ),
						cell: ( error ) =>
							error.permanent
								? __(
										'No: fix the cause, then start again',
										'wp-media-cloud'
									)
								: __( 'Yes, automatically', 'wp-media-cloud' ),
					},
				] }
			/>
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
