// The admin bundle (plugin/build) as it ships, for the tests that load it: browser tests, and the translation
// template check, which reads the admin's sentences from the bundle.
import { buildAdminUiIfChanged } from '../../bin/dev/admin-build';

let built = false;
/** Builds plugin/build from admin-ui/src when it is missing or older than the sources (once per test file). */
export function ensureAdminBuild(): void {
	if (built) return;
	// Always the production bundle, as it ships (buildAdminUiIfChanged sets NODE_ENV for the build itself).
	if (buildAdminUiIfChanged() === 'no-sources') throw new Error('admin-ui/src is missing: there is no admin to build');
	built = true;
}
