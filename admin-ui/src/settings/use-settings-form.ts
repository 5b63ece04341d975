// The Settings form's state: values as edited, which keys changed, and the server's field errors.
// Saving sends only the changed keys (a partial PUT); an empty secret is never sent, so the stored one is kept.
import { useCallback, useEffect, useState } from '@wordpress/element';
import { request } from '../api';
import { useAction } from '../components/use-action';
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
	const sending = useAction(
		( patch: SettingsValues, confirm: boolean ) =>
			request< SettingsResponse >(
				'PUT',
				confirm ? '/settings?confirm=1' : '/settings',
				patch
			),
		// The page says what went wrong where it matters: at the fields, or beside the Save button.
		{ errors: 'inline' }
	);

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
		const outcome = await sending.run( patch, confirm );
		if ( outcome.ok ) {
			resource.setData( outcome.value );
			adopt( outcome.value );
			setErrors( {} );
			return { ok: true };
		}
		const error = outcome.error;
		const fieldErrors = error.data?.errors ?? {};
		setErrors( fieldErrors );
		if ( Object.keys( fieldErrors ).length ) {
			// The valid fields of the same request were saved: show them as stored, keep the invalid ones as typed.
			const stored = error.data?.settings ?? ( await resource.reload() );
			if ( stored ) {
				resource.setData( stored );
				adopt( stored, Object.keys( fieldErrors ) );
			}
		}
		return { ok: false, error };
	};

	return {
		resource,
		values,
		changed,
		errors,
		saving: sending.busy,
		setValue,
		save,
	};
}
