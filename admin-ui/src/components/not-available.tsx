// Shown instead of a panel whose REST route this version of the plugin does not register yet:
// a clear statement beats an empty or made-up panel.
import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

export function NotAvailable( {
	feature,
	route,
}: {
	feature: string;
	route: string;
} ) {
	return (
		<Notice
			status="warning"
			isDismissible={ false }
			className="wpmc-not-available"
		>
			{ sprintf(
				/* translators: 1: feature name, 2: REST route such as "GET /media-cloud/v1/status". */
				__(
					'%1$s is not available yet: this version of the plugin does not provide %2$s.',
					'wp-media-cloud'
				),
				feature,
				route
			) }
		</Notice>
	);
}
