// The Settings form's state: values as edited, which keys changed, and the server's field errors.
// Saving sends only the changed keys (a partial PUT); an empty secret is never sent, so the stored one is kept.
import { useCallback, useEffect, useState } from '@wordpress/element';
import { normaliseError, request } from '../api';
import { useResource } from '../components/use-request';
import type {
	ApiErrorBody,
	SettingValue,
	SettingsResponse,
	SettingsValues,
} from '../types';

export type SaveOutcome = { ok: true } | { ok: false; error: ApiErrorBody };

const SECRET_KEYS = [ 'access_key', 'secret_key' ];

export function useSettingsForm() {
	const resource = useResource< SettingsResponse >( '/settings' );
	const [ values, setValues ] = useState< SettingsValues >( {} );
	const [ changed, setChanged ] = useState< string[] >( [] );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ saving, setSaving ] = useState( false );

	// Loaded or reloaded: show the stored values, except the fields the user still has to fix.
	const adopt = useCallback(
		( response: SettingsResponse, keep: string[] = [] ) => {
			setValues( ( current ) => {
				const next: SettingsValues = { ...response.settings };
				for ( const key of SECRET_KEYS ) {
					next[ key ] = '';
				}
				for ( const key of keep ) {
					if ( key in current ) {
						next[ key ] = current[ key ];
					}
				}
				return next;
			} );
			setChanged( keep );
		},
		[]
	);

	useEffect( () => {
		if ( resource.data ) {
			adopt( resource.data );
		}
		// Only the first load: later responses are adopted by save().
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [ resource.data === null ] );

	const setValue = ( key: string, value: SettingValue ) => {
		setValues( ( current ) => ( { ...current, [ key ]: value } ) );
		setChanged( ( current ) =>
			current.includes( key ) ? current : [ ...current, key ]
		);
		setErrors( ( { [ key ]: _fixed, ...rest } ) => rest );
	};

	/**
	 * Sends the changed keys. A change after which pages could not load files is answered with a warning and not
	 * saved; `confirm` saves it anyway.
	 * @param confirm
	 */
	const save = async ( confirm = false ): Promise< SaveOutcome > => {
		const patch: SettingsValues = {};
		for ( const key of changed ) {
			if ( SECRET_KEYS.includes( key ) && values[ key ] === '' ) {
				continue;
			}
			patch[ key ] = values[ key ];
		}
		if ( ! Object.keys( patch ).length ) {
			return { ok: true };
		}
		setSaving( true );
		try {
			const response = await request< SettingsResponse >(
				'PUT',
				confirm ? '/settings?confirm=1' : '/settings',
				patch
			);
			resource.setData( response );
			adopt( response );
			setErrors( {} );
			return { ok: true };
		} catch ( caught ) {
			const error = normaliseError( caught );
			const fieldErrors = error.data?.errors ?? {};
			setErrors( fieldErrors );
			if ( Object.keys( fieldErrors ).length ) {
				// The valid fields of the same request were saved: show them as stored, keep the invalid ones as typed.
				const stored =
					error.data?.settings ?? ( await resource.reload() );
				if ( stored ) {
					resource.setData( stored );
					adopt( stored, Object.keys( fieldErrors ) );
				}
			}
			return { ok: false, error };
		} finally {
			setSaving( false );
		}
	};

	return { resource, values, changed, errors, saving, setValue, save };
}
