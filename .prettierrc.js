// Formatting for the whole repository, read by `wp-scripts format` and by ESLint's prettier rule.
// The admin (admin-ui/) keeps WordPress's own style unchanged. The Node code (sidecar/, bin/, bench/, test/) keeps
// the style it was written in: tabs and single quotes like WordPress, but no spaces inside parentheses and a
// 160-column line. Measured on the 175 Node files: 160 columns rewrote 4,550 lines, 120 columns 5,000 lines and
// broke most of the one-line error messages with their remedy into three-line calls.
const wordpress = require('@wordpress/prettier-config');

module.exports = {
	...wordpress,
	printWidth: 160,
	trailingComma: 'all',
	parenSpacing: false,
	overrides: [
		{
			files: ['admin-ui/**', 'plugin/build/**'],
			options: { printWidth: wordpress.printWidth, trailingComma: wordpress.trailingComma, parenSpacing: wordpress.parenSpacing },
		},
		// Last, so style sheets keep WordPress's quotes and parentheses everywhere.
		...wordpress.overrides,
	],
};
