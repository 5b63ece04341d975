// Integration tests against a real stack (WordPress on SQLite and MariaDB, the sidecar, s3rver),
// started once by test/support/global-setup.ts. Run them in band: they share that stack.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	// Only test/ is crawled: .data/ holds thousands of WordPress files.
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	transform: {
		'^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
	},
	globalSetup: '<rootDir>/test/support/global-setup.ts',
	globalTeardown: '<rootDir>/test/support/global-teardown.ts',
	// Uploads with image resizing and sidecar round trips take seconds, not milliseconds.
	testTimeout: 60_000,
};
