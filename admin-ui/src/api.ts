// One place that talks to the REST API: api-fetch is configured here once (root URL and the REST
// nonce WordPress checks on every cookie-authenticated request), and errors are normalised.
import apiFetch from '@wordpress/api-fetch';
import { __, sprintf } from '@wordpress/i18n';
import type { AdminConfig, ApiErrorBody } from './types';

export const NAMESPACE = 'media-cloud/v1';

declare global {
	interface Window {
		wpMediaCloudAdmin?: AdminConfig;
	}
}

let configured = false;

/** Reads the page's configuration (printed by Admin_Page) and sets the api-fetch middleware once. */
export function configureApi(): AdminConfig {
	const config = window.wpMediaCloudAdmin;
	if ( ! config ) {
		throw new Error(
			'window.wpMediaCloudAdmin is missing: the page was not printed by the Media Cloud plugin.'
		);
	}
	if ( ! configured ) {
		apiFetch.use( apiFetch.createRootURLMiddleware( config.restRoot ) );
		apiFetch.use( apiFetch.createNonceMiddleware( config.nonce ) );
		configured = true;
	}
	return config;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls a media-cloud/v1 route; rejects with an ApiErrorBody.
 * @param method
 * @param route
 * @param data
 */
export function request< T >(
	method: Method,
	route: string,
	data?: unknown
): Promise< T > {
	return apiFetch< T >( {
		path: `/${ NAMESPACE }${ route }`,
		method,
		data,
	} ).catch( ( error: unknown ) => {
		throw normaliseError( error );
	} );
}

export function normaliseError( error: unknown ): ApiErrorBody {
	if (
		error &&
		typeof error === 'object' &&
		'code' in error &&
		'message' in error
	) {
		return error as ApiErrorBody;
	}
	return {
		code: 'unknown_error',
		message: error instanceof Error ? error.message : String( error ),
	};
}

/**
 * The error as one sentence for a notice: the message, then what to do about it.
 * @param error
 */
export function describeError( error: ApiErrorBody ): string {
	const remedy = error.data?.remedy;
	if ( error.code === 'rest_cookie_invalid_nonce' ) {
		return __(
			'Your session has expired. Reload the page and try again.',
			'wp-media-cloud'
		);
	}
	if ( error.code === 'fetch_error' || error.code === 'unknown_error' ) {
		return sprintf(
			/* translators: %s: the browser's error message. */
			__(
				'The request did not reach WordPress (%s). Check your connection and try again.',
				'wp-media-cloud'
			),
			error.message
		);
	}
	return remedy ? `${ error.message } ${ remedy }` : error.message;
}
