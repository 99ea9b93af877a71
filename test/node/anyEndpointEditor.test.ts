/**
 * "Any fal Endpoint" (node version 2) as the editor meets it, against the
 * emulator: the endpoint picked from fal's catalogue, and its fields typed
 * from its OpenAPI schema.
 */
import { expectEditEndpointFields } from '../helpers/anyEndpoint';
import { listSearch, resourceMapperFields } from '../n8n/editor';
import { falNodeType } from '../n8n/falNode';
import { useEmulator } from './fixtures';

const { emulator } = useEmulator();

const credentials = () => ({
	apiKey: 'emulator-key-id:emulator-key-secret',
	proxyUrl: emulator().proxyUrl,
});

describe('picking the endpoint', () => {
	test("the list searches fal's catalogue: display name, endpoint ID and category, linked", async () => {
		const { results } = await listSearch(falNodeType, 'searchEndpoints', {
			parameters: {},
			credentials: credentials(),
			path: 'endpoint',
			filter: 'nano-banana',
		});
		const edit = results.find((result) => result.value === 'fal-ai/nano-banana/edit');
		expect(edit?.name).toMatch(/ · fal-ai\/nano-banana\/edit · image-to-image$/);
		expect(edit?.url).toMatch(/^https:\/\/fal\.ai\/models\/fal-ai\/nano-banana\/edit/);
		expect(
			results.every((result) => /nano-banana/i.test(`${result.name} ${result.description ?? ''}`)),
		).toBe(true);
	});

	test('the list pages through the whole catalogue', async () => {
		const seen: string[] = [];
		let paginationToken: string | undefined;
		let pages = 0;
		do {
			const page = await listSearch(falNodeType, 'searchEndpoints', {
				parameters: {},
				credentials: credentials(),
				path: 'endpoint',
				paginationToken,
			});
			seen.push(...page.results.map((result) => String(result.value)));
			paginationToken = page.paginationToken as string | undefined;
			pages++;
		} while (paginationToken);
		expect(seen.length).toBeGreaterThanOrEqual(40);
		expect(new Set(seen).size).toBe(seen.length);
		expect(pages).toBeGreaterThan(1);
		expect(seen).toEqual(
			expect.arrayContaining([
				'fal-ai/flux/dev',
				'fal-ai/nano-banana/edit',
				'fal-ai/fast-sdxl/inpainting',
			]),
		);
	});
});

describe("the endpoint's fields", () => {
	test('are typed from its schema, the way the editor asks for them', async () => {
		const { fields } = await resourceMapperFields(falNodeType, 'getEndpointFields', {
			parameters: {
				resource: 'generation',
				model: 'other',
				endpoint: { __rl: true, mode: 'id', value: 'fal-ai/nano-banana/edit' },
			},
			credentials: credentials(),
			path: 'inputFields',
		});
		expectEditEndpointFields(fields);
	});

	test('say so when no endpoint is chosen yet', async () => {
		const parameters = {
			resource: 'generation',
			model: 'other',
			endpoint: { __rl: true, mode: 'list', value: '' },
		};
		const answer = await resourceMapperFields(falNodeType, 'getEndpointFields', {
			parameters,
			credentials: credentials(),
			path: 'inputFields',
		});
		expect(answer).toEqual({
			fields: [],
			emptyFieldsNotice: 'Choose an endpoint above to see its fields',
		});
	});
});
