// One hook for every button that calls the REST API: it is busy while the call is in flight, says what happened
// (a snackbar, or an error kept for the panel to show beside the button), and never updates a panel that is gone.
// The panels used to write this busy / try / catch / notify block each on their own.
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';
import { normaliseError } from '../api';
import type { ApiErrorBody } from '../types';
import { useNotify } from './notices';

export type ActionOutcome< T > =
	{ ok: true; value: T } | { ok: false; error: ApiErrorBody };

export interface ActionOptions< T > {
	/** The snackbar once it worked: a sentence, or one made from the answer ('' for none). */
	success?: string | ( ( value: T ) => string );
	/**
	 * Where a failure goes: a snackbar that stays until dismissed (`snackbar`, the default), `inline` (kept in
	 * `error`, for the panel to show where the user acted, or for the caller to handle), or `both`.
	 */
	errors?: 'snackbar' | 'inline' | 'both';
	/** Runs once the call settled either way, before the buttons come back (reload what it changed). */
	settled?: () => unknown;
}

export interface Action< Args extends unknown[], T > {
	run: ( ...args: Args ) => Promise< ActionOutcome< T > >;
	/** A call is in flight: its buttons say so and are disabled. */
	busy: boolean;
	/** The last call's error, with `errors: 'inline' | 'both'`; cleared when the next call starts. */
	error: ApiErrorBody | null;
	clearError: () => void;
}

/**
 * Wraps `action` (which rejects with an error the api.ts way) for a button.
 * @param action  The call; it may read the latest props and state, it is never stale.
 * @param options What to say and what to do afterwards.
 */
export function useAction< Args extends unknown[], T >(
	action: ( ...args: Args ) => Promise< T >,
	options: ActionOptions< T > = {}
): Action< Args, T > {
	const [ busy, setBusy ] = useState( false );
	const [ error, setError ] = useState< ApiErrorBody | null >( null );
	const notify = useNotify();
	const latest = useRef( { action, options, notify } );
	latest.current = { action, options, notify };
	const mounted = useRef( true );
	useEffect( () => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, [] );

	const run = useCallback(
		async ( ...args: Args ): Promise< ActionOutcome< T > > => {
			const { options: said, notify: tell } = latest.current;
			const where = said.errors ?? 'snackbar';
			setBusy( true );
			setError( null );
			let outcome: ActionOutcome< T >;
			try {
				const value = await latest.current.action( ...args );
				const message =
					typeof said.success === 'function'
						? said.success( value )
						: said.success;
				if ( message ) {
					tell.success( message );
				}
				outcome = { ok: true, value };
			} catch ( caught ) {
				const normalised = normaliseError( caught );
				if ( where !== 'inline' ) {
					tell.error( normalised );
				}
				if ( where !== 'snackbar' && mounted.current ) {
					setError( normalised );
				}
				outcome = { ok: false, error: normalised };
			}
			await Promise.resolve( said.settled?.() ).catch( () => undefined );
			if ( mounted.current ) {
				setBusy( false );
			}
			return outcome;
		},
		[]
	);
	const clearError = useCallback( () => setError( null ), [] );
	return { run, busy, error, clearError };
}
