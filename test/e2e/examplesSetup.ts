/**
 * What the end-to-end checks of examples/ share (examplesExecuted.ts,
 * examplesServed.ts): a real n8n (npm's `n8n`, see runtime.ts) with the
 * package installed where the Community Nodes screen puts it, a `falApi`
 * credential whose Proxy URL is the local fal emulator, and every example
 * imported. Jest loads this module afresh for each test file, so the bindings
 * below are that file's own, set by useExamplesN8n's beforeAll.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
	DOC_EXAMPLE_URLS,
	docExampleFiles,
	EMULATOR_ADMIN_FAL_KEY,
	EMULATOR_FAL_KEY,
	type FalEmulator,
	startFalEmulator,
} from '../emulator';
import { readDocPages } from '../helpers/falDocs';
import { N8nInstance, type WorkflowJson } from './n8n';
import { REPO_ROOT } from './n8nPackage';
import { ensureN8n } from './runtime';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const exampleFiles = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort();
export const docExamples = new Map(readDocPages().map((page) => [page.endpointId, page.example]));
export const offlineCopies = docExampleFiles();

export let emulator: FalEmulator;
export let n8n: N8nInstance;
export const workflows = new Map<string, WorkflowJson>();

/** Ids n8n accepts: letters and digits. */
export function workflowId(file: string): string {
	return `e2e${basename(file, '.json').replace(/[^a-zA-Z0-9]/g, '')}`.slice(0, 32);
}

/** Starts the emulator and n8n, with the examples imported, before the file's checks; stops them after. */
export function useExamplesN8n(): void {
	beforeAll(async () => {
		emulator = await startFalEmulator({
			remoteFiles: offlineCopies,
			queueTimeMs: 50,
			inferenceTimeMs: 150,
		});
		const runtime = ensureN8n();
		n8n = N8nInstance.create(runtime);
		// Another id than the examples' own: they name their credential, and n8n
		// must find it by that name, as when a user imports them.
		await n8n.importCredentials([
			{
				id: 'e2eFalCredential',
				name: 'fal.ai account',
				type: 'falApi',
				data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
			},
			// The spend report reads usage, which takes an admin key.
			{
				id: 'e2eFalAdminCredential',
				name: 'fal.ai admin key',
				type: 'falApi',
				data: { apiKey: EMULATOR_ADMIN_FAL_KEY, proxyUrl: emulator.proxyUrl },
			},
		]);
		for (const file of exampleFiles) {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			workflows.set(file, { ...workflow, id: workflowId(file) });
		}
		// The URL example downloads from the internet; here it downloads the same picture from the emulator's CDN.
		const download = workflows
			.get('image-from-url.json')!
			.nodes.find((node) => node.name === 'Download Image')!;
		download.parameters.url = emulator.hostFile(
			offlineCopies[DOC_EXAMPLE_URLS.imageToImage],
			'image/jpeg',
			'tiger.jpeg',
		);
		// The workflow example names a workflow of the user's own account; here, the emulator account's.
		const stickers = workflows
			.get('run-fal-workflow.json')!
			.nodes.find((node) => node.name === 'Sticker Maker')!;
		(stickers.parameters.workflow as { value: string }).value = 'emulator/sticker-maker';
		await n8n.importWorkflows([...workflows.values()]);
	}, 600_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});
}
