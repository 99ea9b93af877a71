/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	// Every test talks to the in-process emulator over loopback; some wait out
	// the real client's retry backoff (1 s, 2 s, ...).
	testTimeout: 60_000,
};
