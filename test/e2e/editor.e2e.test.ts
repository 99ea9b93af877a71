/**
 * What n8n's editor asks of the node while a user sets up "Any fal Endpoint",
 * asked of a real n8n over the REST routes its editor uses: the Endpoint
 * list (fal's catalogue, searched and paged) and the typed Fields of the
 * chosen endpoint (its OpenAPI schema), on n8n 2.41 (and 1.123 by hand).
 */
import type { INodeListSearchResult, ResourceMapperFields } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, type FalEmulator, startFalEmulator } from '../emulator';
import { expectEditEndpointFields } from '../helpers/anyEndpoint';
import { N8nInstance, PACKAGE_NAME } from './n8n';
import { ensureN8n } from './runtime';

let emulator: FalEmulator;
let n8n: N8nInstance;

const node = { name: `${PACKAGE_NAME}.fal`, version: 2 };
const credentials = { falApi: { id: 'e2eEditorCredential', name: 'fal.ai account' } };

beforeAll(async () => {
	emulator = await startFalEmulator();
	n8n = N8nInstance.create(ensureN8n());
	await n8n.importCredentials([
		{
			id: credentials.falApi.id,
			name: credentials.falApi.name,
			type: 'falApi',
			data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
		},
	]);
	await n8n.start();
	await n8n.signIn();
}, 600_000);

afterAll(async () => {
	await n8n?.dispose();
	await emulator?.stop();
});

test("the Endpoint list: fal's catalogue searched and paged", async () => {
	const body = {
		nodeTypeAndVersion: node,
		path: 'parameters.endpoint',
		methodName: 'searchEndpoints',
		currentNodeParameters: { resource: 'generation', model: 'other' },
		credentials,
	};
	const first = await n8n.restPost<INodeListSearchResult>(
		'dynamic-node-parameters/resource-locator-results',
		{ ...body, filter: 'video' },
	);
	expect(first.results.map((result) => result.value)).toContain(
		'fal-ai/kling-video/v2.1/standard/image-to-video',
	);
	const all: unknown[] = [];
	let paginationToken: unknown;
	do {
		const page = await n8n.restPost<INodeListSearchResult>(
			'dynamic-node-parameters/resource-locator-results',
			{ ...body, ...(paginationToken ? { paginationToken } : {}) },
		);
		all.push(...page.results.map((result) => result.value));
		paginationToken = page.paginationToken;
	} while (paginationToken);
	expect(all.length).toBeGreaterThanOrEqual(40);
	expect(emulator.stats.requests.models).toBeGreaterThanOrEqual(2);
});

test('the Fields of an endpoint, typed from its schema', async () => {
	const answer = await n8n.restPost<ResourceMapperFields>(
		'dynamic-node-parameters/resource-mapper-fields',
		{
			nodeTypeAndVersion: node,
			path: 'parameters.inputFields',
			methodName: 'getEndpointFields',
			currentNodeParameters: {
				resource: 'generation',
				model: 'other',
				endpoint: { __rl: true, mode: 'id', value: 'fal-ai/nano-banana/edit' },
			},
			credentials,
		},
	);
	expectEditEndpointFields(answer.fields);
});

test("Workflow → Run: the account's fal workflows listed, and the Fields of one typed from its input schema", async () => {
	const list = await n8n.restPost<INodeListSearchResult>(
		'dynamic-node-parameters/resource-locator-results',
		{
			nodeTypeAndVersion: node,
			path: 'parameters.workflow',
			methodName: 'searchWorkflows',
			currentNodeParameters: { resource: 'workflow', operation: 'run' },
			credentials,
			filter: 'sticker',
		},
	);
	expect(list.results.map((result) => result.value)).toEqual(['emulator/sticker-maker']);
	const answer = await n8n.restPost<ResourceMapperFields>(
		'dynamic-node-parameters/resource-mapper-fields',
		{
			nodeTypeAndVersion: node,
			path: 'parameters.workflowFields',
			methodName: 'getWorkflowFields',
			currentNodeParameters: {
				resource: 'workflow',
				operation: 'run',
				workflow: { __rl: true, mode: 'list', value: 'emulator/sticker-maker' },
			},
			credentials,
		},
	);
	const byId = Object.fromEntries(answer.fields.map((field) => [field.id, field]));
	expect(byId.prompt).toMatchObject({ type: 'string', required: true });
	expect(byId.num_images).toMatchObject({ type: 'number', defaultValue: 1 });
});
