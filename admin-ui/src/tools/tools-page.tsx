// Tools: one card per tool, each with its own progress and result summary.
import { Card, CardBody, CardHeader } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { AuditMissing } from './audit-missing';
import { BulkMigration } from './bulk-migration';
import { DownloadBack } from './download-back';
import { MoveToCurrent } from './move-to-current';
import { UrlReplace } from './url-replace';

function Tool( {
	id,
	title,
	children,
}: {
	id: string;
	title: string;
	children: React.ReactNode;
} ) {
	return (
		<Card className="wpmc-card" id={ id }>
			<CardHeader>
				<h2>{ title }</h2>
			</CardHeader>
			<CardBody>{ children }</CardBody>
		</Card>
	);
}

export function ToolsPage() {
	return (
		<div className="wpmc-page wpmc-tools">
			<Tool
				id="bulk-migration"
				title={ __( 'Bulk Migration', 'wp-media-cloud' ) }
			>
				<BulkMigration />
			</Tool>
			<Tool
				id="move-to-current"
				title={ __( 'Move to the current storage', 'wp-media-cloud' ) }
			>
				<MoveToCurrent />
			</Tool>
			<Tool
				id="url-replace"
				title={ __( 'URL Replace', 'wp-media-cloud' ) }
			>
				<UrlReplace />
			</Tool>
			<Tool
				id="download-back"
				title={ __( 'Download back', 'wp-media-cloud' ) }
			>
				<DownloadBack />
			</Tool>
			<Tool
				id="audit-missing"
				title={ __( 'Audit missing files', 'wp-media-cloud' ) }
			>
				<AuditMissing />
			</Tool>
		</div>
	);
}
