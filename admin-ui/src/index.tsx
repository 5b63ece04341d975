// The Media Cloud admin app: one bundle for the four pages; the page to show comes from the root
// element that Admin_Page prints (data-page).
import { createRoot } from '@wordpress/element';
import { configureApi } from './api';
import { followAdminScheme } from './components/admin-scheme';
import { Snackbars } from './components/notices';
import { DashboardPage } from './dashboard/dashboard-page';
import { HealthPage } from './health/health-page';
import { SettingsPage } from './settings/settings-page';
import { ToolsPage } from './tools/tools-page';
import type { AdminConfig } from './types';
import './admin.scss';

function Page( { config }: { config: AdminConfig } ) {
	switch ( config.page ) {
		case 'settings':
			return <SettingsPage />;
		case 'health':
			return <HealthPage config={ config } />;
		case 'tools':
			return <ToolsPage />;
		default:
			return <DashboardPage config={ config } />;
	}
}

// The script is printed in the footer, after the root element.
const root = document.getElementById( 'wp-media-cloud-admin' );
if ( root ) {
	const config = configureApi();
	followAdminScheme( root );
	createRoot( root ).render(
		<>
			<Page config={ config } />
			<Snackbars />
		</>
	);
}
