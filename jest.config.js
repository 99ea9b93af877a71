const { existsSync } = require('node:fs');
const { resolve } = require('node:path');

// The checks against fal's doc pages read ../shared/fal-docs (beside the repo
// in CI; FAL_DOCS_DIR elsewhere, as test/helpers/falDocs.ts reads it). In a
// plain clone they do not run, and say so in one line; CI sets
// FAL_DOCS_REQUIRED=1, and then missing pages fail the run.
const FAL_DOCS_DIR = process.env.FAL_DOCS_DIR ?? resolve(__dirname, '../shared/fal-docs');
const DOC_CHECKS = ['test/schema/docs.test.ts', 'test/node/docs.test.ts'];
const docsHere = existsSync(FAL_DOCS_DIR);
if (!docsHere && process.env.FAL_DOCS_REQUIRED === '1') {
	throw new Error(
		`FAL_DOCS_REQUIRED=1 but fal's doc pages are not at ${FAL_DOCS_DIR}: put shared/ beside the repo or set FAL_DOCS_DIR`,
	);
}
if (!docsHere) {
	console.log(
		`fal docs checks not run (${DOC_CHECKS.join(', ')}): fal's doc pages are not at ${FAL_DOCS_DIR}; put shared/ beside the repo or set FAL_DOCS_DIR (CI has them)`,
	);
}

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The end-to-end tests run a real n8n: `npm run test:e2e` (jest.e2e.config.js) and `npm run test:e2e:queue`.
	testPathIgnorePatterns: [
		'/node_modules/',
		'\\.e2e\\.test\\.ts$',
		'\\.queue-e2e\\.test\\.ts$',
		...(docsHere ? [] : DOC_CHECKS.map((path) => `<rootDir>/${path}$`)),
	],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/.n8n-runtime/', '<rootDir>/test/dev/.n8n-dev/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	// Every test talks to the in-process emulator over loopback; some wait out
	// the real client's retry backoff (1 s, 2 s, ...).
	testTimeout: 60_000,
};
