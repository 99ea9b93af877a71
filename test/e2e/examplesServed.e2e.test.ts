/**
 * The examples that need a running n8n server (`n8n start`,
 * examplesServed.ts): webhooks, a Wait node resumed by fal's webhook, a
 * schedule. Each is run by a real n8n with the package installed and checked
 * for what it produced.
 */
import { useExamplesN8n } from './examplesSetup';
import { servedChecks } from './examplesServed';

useExamplesN8n();

test.each(Object.keys(servedChecks).sort())(
	'%s',
	async (file) => await servedChecks[file](),
	180_000,
);
