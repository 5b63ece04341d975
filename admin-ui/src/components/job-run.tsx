// A background run on the sidecar's job engine (migration, download back, move to the current storage), as
// the screens drive it: its progress loaded and polled while it runs, actions that show the answer at once and
// report the outcome, and the Pause / Resume / Cancel buttons. Every run's route answers the same progress.
import { Button, Flex } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { request } from '../api';
import type { JobState, RunProgress } from '../types';
import { isJobProgress } from './job-progress';
import { useAction } from './use-action';
import { usePolling, useResource, type Resource } from './use-request';

const POLL_MS = 1500;

export interface JobRun {
	/** The progress as `GET <route>` answers it. */
	progress: Resource< RunProgress >;
	/** An action is in flight: its buttons are disabled. */
	busy: boolean;
	/** Runs an action whose answer is the new progress, then says `success` (or the error, with its fix). */
	act: (
		action: () => Promise< unknown >,
		success: string
	) => Promise< void >;
	/** `PATCH <route> { state }` (pause, resume, cancel). */
	setState: ( next: JobState, success: string ) => Promise< void >;
}

/**
 * Loads the run's progress from `route`, polls it while the run is going, and calls `onFinished` when
 * a run seen running stops (finished, paused or cancelled).
 * @param route
 * @param onFinished
 */
export function useJobRun( route: string, onFinished?: () => void ): JobRun {
	const progress = useResource< RunProgress >( route );
	const state = progress.data?.state;
	usePolling( progress.reload, POLL_MS, state === 'running' );

	const finished = useRef( onFinished );
	finished.current = onFinished;
	const previous = useRef( state );
	useEffect( () => {
		if ( previous.current === 'running' && state && state !== 'running' ) {
			finished.current?.();
		}
		previous.current = state;
	}, [ state ] );

	// The answer is the run's new progress: shown at once, never the previous run's; the snackbar says `success`.
	const action = useAction(
		async ( perform: () => Promise< unknown >, success: string ) => {
			const answer = await perform();
			if ( isJobProgress( answer ) ) {
				progress.setData( answer );
			}
			return success;
		},
		{ success: ( said ) => said, settled: progress.reload }
	);
	const act = async (
		perform: () => Promise< unknown >,
		success: string
	) => {
		await action.run( perform, success );
	};
	const setState = ( next: JobState, success: string ) =>
		act( () => request( 'PATCH', route, { state: next } ), success );

	return { progress, busy: action.busy, act, setState };
}

export interface RunControlsProps {
	run: JobRun;
	/** What the snackbar says after each change of state. */
	said: { paused: string; resumed: string; cancelled: string };
	/** The run's Start button, when the caller shows one. */
	children?: React.ReactNode;
}

/**
 * The run's buttons: `children` first, then Pause while it runs, Resume while paused, and Cancel for either.
 * @param props
 */
export function RunControls( props: RunControlsProps ) {
	const { run, said, children } = props;
	const state = run.progress.data?.state;
	return (
		<Flex justify="flex-start" gap={ 2 } className="wpmc-actions">
			{ children }
			{ state === 'running' && (
				<Button
					variant="secondary"
					disabled={ run.busy }
					accessibleWhenDisabled
					onClick={ () => run.setState( 'paused', said.paused ) }
				>
					{ __( 'Pause', 'wp-media-cloud' ) }
				</Button>
			) }
			{ state === 'paused' && (
				<Button
					variant="primary"
					disabled={ run.busy }
					accessibleWhenDisabled
					onClick={ () => run.setState( 'running', said.resumed ) }
				>
					{ __( 'Resume', 'wp-media-cloud' ) }
				</Button>
			) }
			{ ( state === 'running' || state === 'paused' ) && (
				<Button
					variant="tertiary"
					isDestructive
					disabled={ run.busy }
					accessibleWhenDisabled
					onClick={ () =>
						run.setState( 'cancelled', said.cancelled )
					}
				>
					{ __( 'Cancel', 'wp-media-cloud' ) }
				</Button>
			) }
		</Flex>
	);
}

/**
 * Whether a new run can be started (none is running or paused).
 * @param job
 */
export const canStart = ( job: RunProgress ) =>
	job.state !== 'running' && job.state !== 'paused';
