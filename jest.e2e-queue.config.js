/**
 * n8n's queue mode end to end (`npm run test:e2e:queue`): PostgreSQL, Redis
 * and four n8n processes (test/e2e/queueCluster.ts). Apart from
 * `npm run test:e2e`, which runs n8n as one process.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.queue-e2e.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/.n8n-runtime/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	maxWorkers: 1,
	testTimeout: 600_000,
};
