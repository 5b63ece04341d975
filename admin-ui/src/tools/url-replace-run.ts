// Drives a URL Replace run: the server does a few seconds of work per request, so the page asks for
// the next batch while the run is `running` (and the next undo batch while it is `undoing`).
// Leaving the page is safe: the run keeps its cursor and can be resumed or undone later.
import { useEffect, useRef, useState } from '@wordpress/element';
import { request } from '../api';
import { useAction } from '../components/use-action';
import type { UrlReplaceRun } from '../types';

export interface Run extends UrlReplaceRun {
	dry_run?: boolean;
	urls?: number;
	not_offloaded?: number;
	conflicts?: number;
	restored?: number;
	purged?: string[];
}

export function useUrlReplaceRun() {
	const [ run, setRun ] = useState< Run | null >( null );
	const mounted = useRef( true );
	useEffect( () => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, [] );

	// Repeats `next` while the run is in `activeState`, showing each step; a failure is told in a snackbar.
	const driving = useAction(
		async (
			first: () => Promise< Run >,
			next: ( id: Run[ 'id' ] ) => Promise< Run >,
			activeState: string
		) => {
			let current = await first();
			setRun( current );
			while ( mounted.current && current.state === activeState ) {
				current = await next( current.id );
				setRun( current );
			}
			return current;
		}
	);
	const drive = driving.run;

	const start = ( direction: string, dryRun: boolean ) =>
		drive(
			() =>
				request< Run >( 'POST', '/url-replace/runs', {
					direction,
					dry_run: dryRun,
				} ),
			( id ) =>
				request< Run >( 'POST', `/url-replace/runs/${ id }/batches` ),
			'running'
		);

	const undo = ( id: Run[ 'id' ] ) =>
		drive(
			() => request< Run >( 'DELETE', `/url-replace/runs/${ id }` ),
			( same ) =>
				request< Run >( 'DELETE', `/url-replace/runs/${ same }` ),
			'undoing'
		);

	return {
		run,
		busy: driving.busy,
		start,
		undo,
		clear: () => setRun( null ),
	};
}
