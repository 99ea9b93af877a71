/**
 * n8n-nodes-starter's settings: tabs, single quotes, lines of 100.
 * `npm run lint` checks them; `npm run format` applies them.
 */
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
