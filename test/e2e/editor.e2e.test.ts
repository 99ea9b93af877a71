/**
 * What n8n's editor asks of the node while a user sets up "Any fal Endpoint",
 * asked of a real n8n over the REST routes its editor uses: the Endpoint
 * list (fal's catalogue, searched and paged) and the typed Fields of the
 * chosen endpoint (its OpenAPI schema), on n8n 2.41 (and 1.123 by hand).
 */
import type { INodeListSearchResult, ResourceMapperFields } from 'n8n-workflow';
import { expectEditEndpointFields } from '../helpers/anyEndpoint';
import { editorEndpointFields, FAL_NODE as node, useEditorSession } from './editorSession';

const session = useEditorSession('e2eEditorCredential');
const { credentials } = session;

test("the Endpoint list: fal's catalogue searched and paged", async () => {
	const body = {
		nodeTypeAndVersion: node,
		path: 'parameters.endpoint',
		methodName: 'searchEndpoints',
		currentNodeParameters: { resource: 'generation', model: 'other' },
		credentials,
	};
	const first = await session
		.n8n()
		.restPost<INodeListSearchResult>('dynamic-node-parameters/resource-locator-results', {
			...body,
			filter: 'video',
		});
	expect(first.results.map((result) => result.value)).toContain(
		'fal-ai/kling-video/v2.1/standard/image-to-video',
	);
	const all: unknown[] = [];
	let paginationToken: unknown;
	do {
		const page = await session
			.n8n()
			.restPost<INodeListSearchResult>('dynamic-node-parameters/resource-locator-results', {
				...body,
				...(paginationToken ? { paginationToken } : {}),
			});
		all.push(...page.results.map((result) => result.value));
		paginationToken = page.paginationToken;
	} while (paginationToken);
	expect(all.length).toBeGreaterThanOrEqual(40);
	expect(session.emulator().stats.requests.models).toBeGreaterThanOrEqual(2);
});

test('the Fields of an endpoint, typed from its schema', async () => {
	expectEditEndpointFields(
		await editorEndpointFields(session, { mode: 'id', value: 'fal-ai/nano-banana/edit' }),
	);
});

test("Workflow → Run: the account's fal workflows listed, and the Fields of one typed from its input schema", async () => {
	const list = await session
		.n8n()
		.restPost<INodeListSearchResult>('dynamic-node-parameters/resource-locator-results', {
			nodeTypeAndVersion: node,
			path: 'parameters.workflow',
			methodName: 'searchWorkflows',
			currentNodeParameters: { resource: 'workflow', operation: 'run' },
			credentials,
			filter: 'sticker',
		});
	expect(list.results.map((result) => result.value)).toEqual(['emulator/sticker-maker']);
	const answer = await session
		.n8n()
		.restPost<ResourceMapperFields>('dynamic-node-parameters/resource-mapper-fields', {
			nodeTypeAndVersion: node,
			path: 'parameters.workflowFields',
			methodName: 'getWorkflowFields',
			currentNodeParameters: {
				resource: 'workflow',
				operation: 'run',
				workflow: { __rl: true, mode: 'list', value: 'emulator/sticker-maker' },
			},
			credentials,
		});
	const byId = Object.fromEntries(answer.fields.map((field) => [field.id, field]));
	expect(byId.prompt).toMatchObject({ type: 'string', required: true });
	expect(byId.num_images).toMatchObject({ type: 'number', defaultValue: 1 });
});
