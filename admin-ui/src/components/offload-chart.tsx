// Offloaded against total as a small bar, with its sentence as the text equivalent: the sentence is shown under
// the bar and is the bar's accessible name, so nobody needs to read the picture. An SVG, no chart library.
import { useId } from '@wordpress/element';
import { offloadedPercent, type LibraryCounts } from './library-wording';

export function OffloadChart( {
	counts,
	summary,
	className,
}: {
	counts: LibraryCounts;
	/** The sentence the bar shows ("All 1,234 attachments are offloaded."). */
	summary: string;
	className?: string;
} ) {
	const captionId = useId();
	const percent = offloadedPercent( counts );
	return (
		<figure
			className={ [ 'wpmc-chart', className ]
				.filter( Boolean )
				.join( ' ' ) }
			data-offloaded={ counts.offloaded }
			data-total={ counts.total }
			data-percent={ percent }
		>
			<svg
				className="wpmc-chart__bar"
				role="img"
				aria-labelledby={ captionId }
				viewBox="0 0 100 10"
				preserveAspectRatio="none"
				focusable="false"
			>
				<rect className="wpmc-chart__rest" width="100" height="10" />
				<rect
					className="wpmc-chart__done"
					// A sliver stays visible for 0.4 %: "some" must not look like "none".
					width={ counts.offloaded > 0 ? Math.max( percent, 1 ) : 0 }
					height="10"
				/>
			</svg>
			<figcaption id={ captionId } className="wpmc-chart__text">
				{ summary }
			</figcaption>
		</figure>
	);
}
