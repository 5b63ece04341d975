// Two projects, one run: `npm test` runs both; `npm run test:unit` only the first.
// - unit: test/unit/, plain TypeScript against temp folders and temp SQLite files; no global setup, no stack.
// - integration: everything else, against a real stack (WordPress on SQLite and MariaDB, the sidecar, s3rver)
//   started once by test/support/global-setup.ts (jest runs a project's global setup only when one of its tests
//   runs). Run in band: the tests share that stack.
const transform = {
	'^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};

/** @type {import('jest').Config} */
module.exports = {
	// Uploads with image resizing and sidecar round trips take seconds, not milliseconds. (Jest reads this option
	// only here, not per project.)
	testTimeout: 60_000,
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/unit'],
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			transform,
		},
		{
			displayName: 'integration',
			testEnvironment: 'node',
			// Only test/ is crawled: .data/ holds thousands of WordPress files.
			roots: ['<rootDir>/test'],
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/'],
			transform,
			globalSetup: '<rootDir>/test/support/global-setup.ts',
			globalTeardown: '<rootDir>/test/support/global-teardown.ts',
		},
	],
};
