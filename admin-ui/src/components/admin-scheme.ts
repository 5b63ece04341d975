// Buttons, toggles and focus rings of @wordpress/components take their colour from --wp-admin-theme-color. WordPress
// 7.x sets it for the user's admin colour scheme on every admin page (wp-base-styles); 6.8 sets it only in the
// editors, so on a plain admin page the components stylesheet's `:root` default, #3858e9, wins for every scheme.
// Measured on 6.8 with the default scheme: core's "Save Changes" rgb(34, 113, 177), our primary button
// rgb(56, 88, 233). The colour to follow is the one core's own primary button has on this page, in any version
// and scheme, so it is read from one, and the variables are set on the app's root when they differ.

const VARIABLE = '--wp-admin-theme-color';

type Rgb = [ number, number, number ];

function parseRgb( color: string ): Rgb | null {
	const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(
		color.trim()
	);
	return match
		? [ Number( match[ 1 ] ), Number( match[ 2 ] ), Number( match[ 3 ] ) ]
		: null;
}

/**
 * The colour `lightness` percentage points darker, as Sass's `color.adjust( $c, $lightness: -N% )` in the
 * base-styles package makes the scheme's darker-10 (-5 %) and darker-20 (-10 %) shades.
 * @param rgb       The colour.
 * @param lightness Percentage points of lightness to take off.
 */
export function darker( rgb: Rgb, lightness: number ): Rgb {
	const [ r, g, b ] = rgb.map( ( value ) => value / 255 );
	const max = Math.max( r, g, b );
	const min = Math.min( r, g, b );
	const l = ( max + min ) / 2;
	const d = max - min;
	const s = d === 0 ? 0 : d / ( 1 - Math.abs( 2 * l - 1 ) );
	let h = 0;
	if ( d !== 0 ) {
		if ( max === r ) {
			h = ( ( g - b ) / d ) % 6;
		} else if ( max === g ) {
			h = ( b - r ) / d + 2;
		} else {
			h = ( r - g ) / d + 4;
		}
	}
	const nl = Math.max( 0, l - lightness / 100 );
	const c = ( 1 - Math.abs( 2 * nl - 1 ) ) * s;
	const x = c * ( 1 - Math.abs( ( h % 2 ) - 1 ) );
	const m = nl - c / 2;
	const sector = Math.floor( ( ( h % 6 ) + 6 ) % 6 );
	const [ r1, g1, b1 ] = (
		[
			[ c, x, 0 ],
			[ x, c, 0 ],
			[ 0, c, x ],
			[ 0, x, c ],
			[ x, 0, c ],
			[ c, 0, x ],
		] as Rgb[]
	 )[ sector ];
	return [ r1, g1, b1 ].map( ( value ) =>
		Math.round( ( value + m ) * 255 )
	) as Rgb;
}

/** The background colour of a core primary button on this page. */
function corePrimaryColor(): Rgb | null {
	const probe = document.createElement( 'button' );
	probe.type = 'button';
	probe.className = 'button button-primary';
	probe.setAttribute( 'aria-hidden', 'true' );
	probe.tabIndex = -1;
	probe.style.position = 'absolute';
	probe.style.visibility = 'hidden';
	// Core's button rules are scoped to `.wp-core-ui`, which wp-admin puts on <body>.
	document.body.appendChild( probe );
	const color = parseRgb( getComputedStyle( probe ).backgroundColor );
	probe.remove();
	return color;
}

/**
 * Sets the scheme's variables on `root` when the components would otherwise draw another colour than core.
 * @param root
 */
export function followAdminScheme( root: HTMLElement ): void {
	const core = corePrimaryColor();
	const probe = document.createElement( 'span' );
	probe.style.color = `var(${ VARIABLE })`;
	root.appendChild( probe );
	const resolved = parseRgb( getComputedStyle( probe ).color );
	probe.remove();
	if ( ! core || ( resolved && resolved.join() === core.join() ) ) {
		return;
	}
	const shades: Array< [ string, Rgb ] > = [
		[ VARIABLE, core ],
		[ `${ VARIABLE }-darker-10`, darker( core, 5 ) ],
		[ `${ VARIABLE }-darker-20`, darker( core, 10 ) ],
	];
	for ( const [ name, rgb ] of shades ) {
		root.style.setProperty( name, `rgb(${ rgb.join( ', ' ) })` );
		root.style.setProperty( `${ name }--rgb`, rgb.join( ', ' ) );
	}
}
