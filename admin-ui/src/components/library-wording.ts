// How the screens say where the library stands, in words for people: an empty library, everything offloaded, or
// how much of it. The Dashboard's chart, the migration panel and the setup checklist use the same sentences.
import { __, _n, sprintf } from '@wordpress/i18n';
import { formatNumber } from './format';

export interface LibraryCounts {
	offloaded: number;
	total: number;
}

export const isAllOffloaded = ( counts: LibraryCounts ) =>
	counts.total > 0 && counts.offloaded >= counts.total;

/**
 * The share offloaded, 0–100, rounded down: 99.6 % is not "100 %" while one item is left.
 * @param counts
 */
export function offloadedPercent( counts: LibraryCounts ): number {
	if ( counts.total <= 0 ) {
		return 0;
	}
	return Math.min(
		100,
		Math.floor( ( counts.offloaded / counts.total ) * 100 )
	);
}

/**
 * "No attachments yet.", "All 1,234 attachments are offloaded." or "1,000 of 1,234 attachments offloaded (81%)."
 * @param counts
 */
export function attachmentsSummary( counts: LibraryCounts ): string {
	if ( counts.total <= 0 ) {
		return __(
			'No attachments yet: new uploads go to the bucket.',
			'wp-media-cloud'
		);
	}
	if ( isAllOffloaded( counts ) ) {
		return sprintf(
			/* translators: %s: number of attachments. */
			_n(
				'%s attachment is offloaded.',
				'All %s attachments are offloaded.',
				counts.total,
				'wp-media-cloud'
			),
			formatNumber( counts.total )
		);
	}
	return sprintf(
		/* translators: 1: offloaded attachments, 2: all attachments, 3: percentage. */
		_n(
			'%1$s of %2$s attachment offloaded (%3$s%%).',
			'%1$s of %2$s attachments offloaded (%3$s%%).',
			counts.total,
			'wp-media-cloud'
		),
		formatNumber( counts.offloaded ),
		formatNumber( counts.total ),
		offloadedPercent( counts )
	);
}

/**
 * The same for files (every image size counts).
 * @param counts
 */
export function filesSummary( counts: LibraryCounts ): string {
	if ( counts.total <= 0 ) {
		return __( 'No files yet.', 'wp-media-cloud' );
	}
	if ( isAllOffloaded( counts ) ) {
		return sprintf(
			/* translators: %s: number of files. */
			_n(
				'%s file is offloaded.',
				'All %s files are offloaded.',
				counts.total,
				'wp-media-cloud'
			),
			formatNumber( counts.total )
		);
	}
	return sprintf(
		/* translators: 1: offloaded files, 2: all files, 3: percentage. */
		_n(
			'%1$s of %2$s file offloaded (%3$s%%).',
			'%1$s of %2$s files offloaded (%3$s%%).',
			counts.total,
			'wp-media-cloud'
		),
		formatNumber( counts.offloaded ),
		formatNumber( counts.total ),
		offloadedPercent( counts )
	);
}
