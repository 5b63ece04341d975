// ESLint for the whole repository, run by `npm run lint` through `wp-scripts lint-js`.
// The admin (admin-ui/) gets @wordpress/scripts' own configuration unchanged. The Node code (sidecar/, bin/, bench/,
// test/) gets the same recommended rules with Node's globals, jest's rules in test/, and the few browser-only or
// WordPress-only rules switched off; formatting in both comes from .prettierrc.js (see there).
const wordpressDefaults = require('@wordpress/scripts/config/eslint.config.cjs');
const jestPlugin = require('eslint-plugin-jest');
const globals = require('globals');

const NODE_CODE = ['sidecar/**/*.{ts,js}', 'bin/**/*.{ts,js}', 'bench/**/*.{ts,js}', 'test/**/*.{ts,js}', '*.{js,cjs}'];

module.exports = [
	{ ignores: ['.data/**', 'dist/**', 'plugin/build/**', 'plugin/vendor/**', 'test-artifacts/**'] },
	...wordpressDefaults,
	// Formatting follows .prettierrc.js file by file (its overrides keep admin-ui/ in WordPress's style); the
	// WordPress rule would otherwise pass WordPress's options for every file.
	{ rules: { 'prettier/prettier': ['error', {}, { usePrettierrc: true }] } },
	{
		files: NODE_CODE,
		languageOptions: { globals: { ...globals.node } },
		rules: {
			// One-line guards (`if (!found) return;`) are the house style of the Node code; prettier keeps them readable.
			curly: 'off',
			// Node code logs to stdout/stderr on purpose (CLI output, dev tools); the sidecar logs through pino.
			'no-console': 'off',
			// WordPress's JSDoc rules want @param/@return on every function; the Node code documents the why in prose
			// and leaves types to TypeScript.
			'jsdoc/require-param': 'off',
			'jsdoc/require-returns': 'off',
			'jsdoc/require-param-description': 'off',
			'jsdoc/require-returns-description': 'off',
			// Node's own modules and the npm dependencies the import plugin cannot resolve without a resolver per folder;
			// TypeScript already checks every import.
			'import/no-extraneous-dependencies': 'off',
			// WordPress's REST fields and the sidecar's wire format are snake_case (`key_prefix`, `content_type`).
			camelcase: 'off',
			// File modes and flags (`stat.mode & 0o777`) are bit operations.
			'no-bitwise': 'off',
			// `value != null` is the one idiom that means "neither null nor undefined".
			eqeqeq: ['error', 'always', { null: 'ignore' }],
			// Prettier indents a chain of ternaries like a table (`a ? x : b ? y : z`), which reads as well as an if/else.
			'no-nested-ternary': 'off',
		},
	},
	{
		files: NODE_CODE.filter((pattern) => pattern.endsWith('{ts,js}')).map((pattern) => pattern.replace('{ts,js}', 'ts')),
		rules: {
			// Express knows an error handler by its four parameters, so `_next` stays although unused.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
			// Interfaces here are implemented by classes (`StorageAdapter`, `Processor`); method signatures read like
			// the class that implements them, and TypeScript's strict mode checks them.
			'@typescript-eslint/method-signature-style': 'off',
		},
	},
	{
		files: ['test/**/*.ts'],
		...jestPlugin.configs['flat/recommended'],
		rules: {
			...jestPlugin.configs['flat/recommended'].rules,
			// The same test runs on two sites that differ (SQLite and MariaDB, images made by the browser or by PHP,
			// WP-CLI present or not): it asserts what that site does, and skips with `(ok ? test : test.skip)(…)`,
			// which jest/no-standalone-expect does not recognise as a test.
			'jest/no-conditional-expect': 'off',
			'jest/no-standalone-expect': 'off',
			// Helpers that drive the page and assert on the way.
			'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'driveMigration'] }],
		},
	},
];
