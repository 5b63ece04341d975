// A notice in core's markup (`notice notice-error inline`…), so it looks like every other wp-admin notice: white,
// with a coloured left border, in any admin colour scheme. @wordpress/components' Notice draws pink and beige
// boxes that no core screen has.
import { Children, isValidElement } from '@wordpress/element';

export type NoticeStatus = 'error' | 'warning' | 'success' | 'info';

export function AdminNotice( {
	status,
	className,
	children,
}: {
	status: NoticeStatus;
	className?: string;
	children: React.ReactNode;
} ) {
	// Core notices hold their text in paragraphs (their margins come from `.notice p`).
	const inParagraphs = Children.toArray( children ).some(
		( child ) => isValidElement( child ) && child.type === 'p'
	);
	return (
		<div
			className={ [
				'notice',
				`notice-${ status }`,
				// `inline`: wp-admin's common.js leaves it where it is instead of moving it below the page title.
				'inline',
				'wpmc-notice',
				className,
			]
				.filter( Boolean )
				.join( ' ' ) }
			// Errors interrupt; the rest is read when reached.
			role={ status === 'error' ? 'alert' : 'status' }
		>
			{ inParagraphs ? children : <p>{ children }</p> }
		</div>
	);
}
