/**
 * The examples n8n runs headless (`n8n execute`, examplesExecuted.ts), each
 * run by a real n8n with the package installed and checked for what it
 * produced: images as binary data made from the right inputs, files on disk,
 * fal's errors with fal's detail.
 */
import { executedChecks } from './examplesExecuted';
import { useExamplesN8n } from './examplesSetup';

useExamplesN8n();

test.each(Object.keys(executedChecks).sort())(
	'%s',
	async (file) => await executedChecks[file](),
	180_000,
);
