// Health check results, one row per check: status, what it found, the cause and the fix in plain
// words, each fix once. The Health page, the Settings page's "Test connection" and the setup checklist share it.
import { __, sprintf } from '@wordpress/i18n';
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

/**
 * What to do about a result: its fix, else its Site Health "actions" (rows the sidecar did not test carry the
 * fix of the check that stopped them there).
 * @param result
 */
const fixOf = ( result: HealthResult ) =>
	plainText( result.fix ) || plainText( result.actions );

/**
 * Rows that depend on another (not tested because it failed, or failing for the same reason) repeat its fix,
 * sometimes after "Fix the upload test first:". Each fix is shown once, on the first row in the order shown;
 * the later rows name that row instead.
 * @param rows
 * @return Test id => label of the earlier row whose fix it repeats.
 */
export function sharedFixes( rows: HealthResult[] ): Map< string, string > {
	const shown: Array< { fix: string; label: string } > = [];
	const shared = new Map< string, string >();
	for ( const row of rows ) {
		const fix = row.status === 'good' ? '' : fixOf( row );
		if ( ! fix ) {
			continue;
		}
		const earlier = shown.find(
			( item ) => fix === item.fix || fix.endsWith( ` ${ item.fix }` )
		);
		if ( earlier ) {
			shared.set( row.test, earlier.label );
		} else {
			shown.push( { fix, label: row.label } );
		}
	}
	return shared;
}

function ResultRow( {
	result,
	sameFixAs,
}: {
	result: HealthResult;
	/** The label of the row above that shows this row's fix. */
	sameFixAs?: string;
} ) {
	const description = plainText( result.description );
	const cause = isCode( result.cause ) ? '' : plainText( result.cause );
	const fix = result.status === 'good' ? '' : fixOf( result );
	// Site Health's "actions" often repeat the fix; show them only when they add something.
	const actions = plainText( result.actions );
	const extraActions =
		! sameFixAs && actions && actions !== fix && ! fix.includes( actions )
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
				{ fix && sameFixAs && (
					<p className="wpmc-health-row__same-fix">
						{ sprintf(
							/* translators: %s: the label of another check, e.g. "Storage credentials". */
							__(
								'Same fix as for “%s” above.',
								'wp-media-cloud'
							),
							sameFixAs
						) }
					</p>
				) }
				{ fix && ! sameFixAs && (
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
	const shared = sharedFixes( rows );
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
					<ResultRow
						key={ result.test }
						result={ result }
						sameFixAs={ shared.get( result.test ) }
					/>
				) ) }
			</tbody>
		</table>
	);
}
