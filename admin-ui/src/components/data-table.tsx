// A list in wp-admin's own table look (`widefat striped`, as core's list tables), one column per label, that
// scrolls inside its card instead of widening the page on a phone. The plugin's lists (pending uploads, a run's
// errors, missing files, URL Replace's rows) are all this, so they look and behave alike.
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

export interface DataColumn< Row > {
	label: string;
	cell: ( row: Row ) => ReactNode;
	/** For the cells, e.g. `wpmc-url` for long URLs that may break anywhere. */
	className?: string;
}

export function DataTable< Row >( {
	rows,
	columns,
	rowKey,
	caption,
	className,
}: {
	rows: Row[];
	columns: Array< DataColumn< Row > >;
	/** A key unique among the rows: React keeps each row's DOM across updates by it. */
	rowKey: ( row: Row, index: number ) => string | number;
	caption?: string;
	className?: string;
} ) {
	return (
		<div className="wpmc-table-scroll">
			<table
				className={ [ 'widefat striped wpmc-table', className ]
					.filter( Boolean )
					.join( ' ' ) }
			>
				{ caption && <caption>{ caption }</caption> }
				<thead>
					<tr>
						{ columns.map( ( column ) => (
							<th scope="col" key={ column.label }>
								{ column.label }
							</th>
						) ) }
					</tr>
				</thead>
				<tbody>
					{ rows.map( ( row, index ) => (
						<tr key={ rowKey( row, index ) }>
							{ columns.map( ( column ) => (
								<td
									key={ column.label }
									className={ column.className }
								>
									{ column.cell( row ) }
								</td>
							) ) }
						</tr>
					) ) }
				</tbody>
			</table>
		</div>
	);
}

// A link to the post's (or attachment's) edit screen, named by its title or, without one, by its id.
export function EditLink( { id, title }: { id: number; title?: string } ) {
	return (
		<a href={ `post.php?post=${ id }&action=edit` }>
			{ title || `#${ id }` }
		</a>
	);
}

/** The "Attachment" column of the lists of attachments (a run's errors, the audit's two lists): linked by title. */
export function attachmentColumn<
	Row extends { attachment_id: number; title?: string },
>(): DataColumn< Row > {
	return {
		label: __( 'Attachment', 'wp-media-cloud' ),
		cell: ( row ) => (
			<EditLink id={ row.attachment_id } title={ row.title } />
		),
	};
}
