// The admin bundle (plugin/build) as it ships, for the tests that load it: browser tests, and the translation
// template check, which reads the admin's sentences from the bundle.
import { buildAdminUiIfChanged } from '../../bin/dev/admin-build';

let built = false;
/** Builds plugin/build from admin-ui/src when it is missing or older than the sources (once per test file). */
export function ensureAdminBuild(): void {
	if (built) return;
	// Jest sets NODE_ENV=test, which would make wp-scripts build a development bundle: test what ships.
	const nodeEnv = process.env.NODE_ENV;
	process.env.NODE_ENV = 'production';
	let result: ReturnType<typeof buildAdminUiIfChanged>;
	try {
		result = buildAdminUiIfChanged();
	} finally {
		process.env.NODE_ENV = nodeEnv;
	}
	if (result === 'no-sources') throw new Error('admin-ui/src is missing: there is no admin to build');
	built = true;
}
