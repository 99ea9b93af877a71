/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The end-to-end tests run a real n8n: `npm run test:e2e` (jest.e2e.config.js).
	testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/.n8n-runtime/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	// Every test talks to the in-process emulator over loopback; some wait out
	// the real client's retry backoff (1 s, 2 s, ...).
	testTimeout: 60_000,
};
