// Small data hooks over api.ts: load a resource (and reload it), and poll while a job runs.
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';
import { normaliseError, request } from '../api';
import type { ApiErrorBody } from '../types';

export interface Resource< T > {
	data: T | null;
	error: ApiErrorBody | null;
	loading: boolean;
	reload: () => Promise< T | null >;
	setData: ( data: T ) => void;
}

/**
 * GETs `route` on mount; `reload()` fetches it again (keeping the old data on screen meanwhile).
 * @param route
 */
export function useResource< T >( route: string ): Resource< T > {
	const [ data, setData ] = useState< T | null >( null );
	const [ error, setError ] = useState< ApiErrorBody | null >( null );
	const [ loading, setLoading ] = useState( true );
	const reload = useCallback( async () => {
		setLoading( true );
		try {
			const result = await request< T >( 'GET', route );
			setData( result );
			setError( null );
			return result;
		} catch ( caught ) {
			setError( normaliseError( caught ) );
			return null;
		} finally {
			setLoading( false );
		}
	}, [ route ] );
	useEffect( () => {
		void reload();
	}, [ reload ] );
	return { data, error, loading, reload, setData };
}

/**
 * Calls `tick` every `intervalMs` while `active`; a slow answer never overlaps the next tick.
 * @param tick
 * @param intervalMs
 * @param active
 */
export function usePolling(
	tick: () => Promise< unknown >,
	intervalMs: number,
	active: boolean
): void {
	const latest = useRef( tick );
	latest.current = tick;
	useEffect( () => {
		if ( ! active ) {
			return undefined;
		}
		let stopped = false;
		let timer: ReturnType< typeof setTimeout >;
		const loop = async () => {
			await latest.current().catch( () => undefined );
			if ( ! stopped ) {
				timer = setTimeout( loop, intervalMs );
			}
		};
		timer = setTimeout( loop, intervalMs );
		return () => {
			stopped = true;
			clearTimeout( timer );
		};
	}, [ intervalMs, active ] );
}
