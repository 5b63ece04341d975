// Health check results, one row per check: status, what it found, the cause and the fix in plain
// words. The Health page and the Settings page's "Test connection" share it.
import { __ } from '@wordpress/i18n';
import type { HealthResult, HealthStatus } from '../types';

export function statusLabel( status: HealthStatus ): string {
	return (
		{
			good: __( 'Good', 'wp-media-cloud' ),
			recommended: __( 'Recommended', 'wp-media-cloud' ),
			critical: __( 'Critical', 'wp-media-cloud' ),
		}[ status ] ?? status
	);
}

/**
 * Site Health descriptions may carry HTML; the screens show their text only (no markup from responses).
 * @param html
 */
export function plainText( html: string | undefined ): string {
	if ( ! html ) {
		return '';
	}
	const doc = new DOMParser().parseFromString( html, 'text/html' );
	return ( doc.body.textContent ?? '' ).replace( /\s+/g, ' ' ).trim();
}

/**
 * A machine code such as "bucket_not_found" is for support, not a cause in plain words.
 * @param text
 */
export const isCode = ( text: string | undefined ) =>
	Boolean( text && /^[a-z0-9_.-]+$/.test( text.trim() ) );

function ResultRow( { result }: { result: HealthResult } ) {
	const description = plainText( result.description );
	const cause = isCode( result.cause ) ? '' : plainText( result.cause );
	const fix = plainText( result.fix );
	// Site Health's "actions" often repeat the fix; show them only when they add something.
	const actions = plainText( result.actions );
	const extraActions =
		actions && actions !== fix && ! actions.includes( fix || '\0' )
			? actions
			: '';
	return (
		<tr
			className={ `wpmc-health-row is-${ result.status }` }
			data-test={ result.test }
			data-status={ result.status }
		>
			<td className="wpmc-health-row__status">
				<span className={ `wpmc-badge is-${ result.status }` }>
					{ statusLabel( result.status ) }
				</span>
			</td>
			<td>
				<strong className="wpmc-health-row__label">
					{ result.label }
				</strong>
				{ description && (
					<p className="wpmc-health-row__description">
						{ description }
					</p>
				) }
				{ cause && (
					<p className="wpmc-health-row__cause">
						<strong>{ __( 'Cause:', 'wp-media-cloud' ) }</strong>{ ' ' }
						{ cause }
					</p>
				) }
				{ fix && (
					<p className="wpmc-health-row__fix">
						<strong>{ __( 'Fix:', 'wp-media-cloud' ) }</strong>{ ' ' }
						{ fix }
					</p>
				) }
				{ extraActions && (
					<p className="wpmc-health-row__actions">{ extraActions }</p>
				) }
			</td>
		</tr>
	);
}

const ORDER: Record< HealthStatus, number > = {
	critical: 0,
	recommended: 1,
	good: 2,
};

export function HealthResults( {
	results,
	sort = false,
}: {
	results: HealthResult[];
	sort?: boolean;
} ) {
	const rows = sort
		? [ ...results ].sort(
				( a, b ) =>
					( ORDER[ a.status ] ?? 3 ) - ( ORDER[ b.status ] ?? 3 )
			)
		: results;
	return (
		<table className="widefat striped wpmc-table wpmc-health">
			<thead>
				<tr>
					<th scope="col" className="wpmc-health__status-col">
						{ __( 'Status', 'wp-media-cloud' ) }
					</th>
					<th scope="col">{ __( 'Check', 'wp-media-cloud' ) }</th>
				</tr>
			</thead>
			<tbody>
				{ rows.map( ( result ) => (
					<ResultRow key={ result.test } result={ result } />
				) ) }
			</tbody>
		</table>
	);
}
