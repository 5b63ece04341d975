// The plain-text report support asks for. Built from an allow-list of settings, so secrets can never be
// in it: keys and passwords appear only as "set" / "not set", and credentials inside URLs are removed.
import type { HealthResponse, SettingsResponse } from '../types';
import { formatDate } from '../components/format';
import { isCode, plainText } from './health-results';

const REPORTED_SETTINGS = [
	'provider',
	'endpoint',
	'region',
	'bucket',
	'path_style',
	'public_url',
	'cdn_host',
	'object_prefix',
	'cache_control',
	'rewrite_urls',
	'remove_local',
	'mirror_delete',
	'versioning',
];

/**
 * Drops a `user:password@` part, which some people put into endpoint URLs.
 * @param value
 */
export function withoutCredentials( value: string ): string {
	return value.replace( /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1' );
}

export function buildReport( options: {
	version: string;
	site: string;
	health: HealthResponse;
	settings?: SettingsResponse | null;
} ): string {
	const lines = [
		'WP Media Cloud health report',
		`Plugin version: ${ options.version }`,
		`Site: ${ options.site }`,
		`Checked: ${ formatDate( options.health.ran_at ?? null ) }`,
		'',
	];
	if ( options.settings ) {
		lines.push( 'Settings:' );
		for ( const key of REPORTED_SETTINGS ) {
			if ( ! ( key in options.settings.settings ) ) {
				continue;
			}
			const locked = options.settings.locked.includes( key )
				? ' (wp-config.php)'
				: '';
			lines.push(
				`  ${ key }: ${ withoutCredentials( String( options.settings.settings[ key ] ) ) }${ locked }`
			);
		}
		for ( const [ key, isSet ] of Object.entries(
			options.settings.secrets_set ?? {}
		) ) {
			lines.push( `  ${ key }: ${ isSet ? 'set' : 'not set' }` );
		}
		lines.push( '' );
	}
	lines.push( 'Checks:' );
	for ( const result of options.health.results ) {
		lines.push( `  [${ result.status }] ${ result.label }` );
		const description = plainText( result.description );
		if ( description ) {
			lines.push( `    ${ description }` );
		}
		if ( result.cause ) {
			lines.push(
				`    ${ isCode( result.cause ) ? 'Code' : 'Cause' }: ${ plainText( result.cause ) }`
			);
		}
		if ( result.fix ) {
			lines.push( `    Fix: ${ plainText( result.fix ) }` );
		}
	}
	return withoutCredentials( lines.join( '\n' ) );
}

/**
 * Copies text; falls back to a hidden textarea where the async clipboard API is refused.
 * @param text
 */
export async function copyText( text: string ): Promise< void > {
	try {
		await navigator.clipboard.writeText( text );
	} catch {
		const area = document.createElement( 'textarea' );
		area.value = text;
		area.setAttribute( 'readonly', '' );
		area.style.position = 'fixed';
		area.style.opacity = '0';
		document.body.appendChild( area );
		area.select();
		const copied = document.execCommand( 'copy' );
		area.remove();
		if ( ! copied ) {
			throw new Error( 'copy refused' );
		}
	}
}
