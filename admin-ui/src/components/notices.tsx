// Notices as wp-admin snackbars (the core/notices store), so every page reports results the same way.
import { SnackbarList } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import { describeError } from '../api';
import type { ApiErrorBody } from '../types';

export function useNotify() {
	const { createSuccessNotice, createErrorNotice } =
		useDispatch( noticesStore );
	return {
		success: ( message: string ) =>
			createSuccessNotice( message, { type: 'snackbar' } ),
		// Errors stay until dismissed: the user has to read what to do.
		error: ( error: ApiErrorBody | string ) =>
			createErrorNotice(
				typeof error === 'string' ? error : describeError( error ),
				{
					type: 'snackbar',
					explicitDismiss: true,
				}
			),
	};
}

export function Snackbars() {
	const notices = useSelect(
		( select ) => select( noticesStore ).getNotices(),
		[]
	);
	const { removeNotice } = useDispatch( noticesStore );
	return (
		<SnackbarList
			className="wpmc-snackbars"
			notices={
				notices.filter(
					( notice ) => notice.type === 'snackbar'
				) as never
			}
			onRemove={ removeNotice }
		/>
	);
}
