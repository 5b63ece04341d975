// Number, size, duration and date formatting for the screens, in the browser's locale.
import { __, sprintf } from '@wordpress/i18n';

export const formatNumber = ( value: number | undefined | null ): string =>
	new Intl.NumberFormat().format( Number( value ?? 0 ) );

export function formatBytes( bytes: number | undefined | null ): string {
	let value = Number( bytes ?? 0 );
	const units = [ 'B', 'KB', 'MB', 'GB', 'TB' ];
	let unit = 0;
	while ( value >= 1024 && unit < units.length - 1 ) {
		value /= 1024;
		unit++;
	}
	return `${ new Intl.NumberFormat( undefined, { maximumFractionDigits: unit ? 1 : 0 } ).format( value ) } ${ units[ unit ] }`;
}

/**
 * "2 min 5 s", or "—" when unknown.
 * @param seconds
 */
export function formatDuration( seconds: number | undefined | null ): string {
	if (
		seconds === undefined ||
		seconds === null ||
		! Number.isFinite( seconds ) ||
		seconds < 0
	) {
		return '—';
	}
	const total = Math.round( seconds );
	const hours = Math.floor( total / 3600 );
	const minutes = Math.floor( ( total % 3600 ) / 60 );
	const rest = total % 60;
	const parts = [
		hours
			? sprintf(
					/* translators: %d: number of hours. */
					__( '%d h', 'wp-media-cloud' ),
					hours
				)
			: '',
		minutes
			? sprintf(
					/* translators: %d: number of minutes. */
					__( '%d min', 'wp-media-cloud' ),
					minutes
				)
			: '',
		sprintf(
			/* translators: %d: number of seconds. */
			__( '%d s', 'wp-media-cloud' ),
			rest
		),
	];
	return parts.filter( Boolean ).slice( 0, 2 ).join( ' ' );
}

/**
 * Accepts unix seconds, milliseconds or an ISO/MySQL date string.
 * @param value
 */
export function formatDate(
	value: string | number | undefined | null
): string {
	if ( value === undefined || value === null || value === '' ) {
		return '—';
	}
	let date: Date;
	if ( typeof value === 'number' || /^\d+$/.test( String( value ) ) ) {
		const n = Number( value );
		date = new Date( n < 1e12 ? n * 1000 : n );
	} else {
		date = new Date( String( value ).replace( ' ', 'T' ) );
	}
	return Number.isNaN( date.getTime() )
		? String( value )
		: date.toLocaleString();
}
