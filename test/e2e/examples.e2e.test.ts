/**
 * Every workflow in examples/ has an end-to-end check, in
 * examplesExecuted.e2e.test.ts or examplesServed.e2e.test.ts. This file
 * starts no n8n: it compares the folder with the checks.
 */
import { executedChecks } from './examplesExecuted';
import { servedChecks } from './examplesServed';
import { exampleFiles } from './examplesSetup';

const checks = { ...executedChecks, ...servedChecks };

test('every example in examples/ has an end-to-end check', () => {
	expect(exampleFiles).toEqual(Object.keys(checks).sort());
});
