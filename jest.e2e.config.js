/**
 * End-to-end tests (`npm run test:e2e`): a real n8n from the npm registry runs
 * the examples against the local fal emulator. Each test starts n8n processes,
 * so they run one after another.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/.n8n-runtime/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	maxWorkers: 1,
	testTimeout: 180_000,
};
