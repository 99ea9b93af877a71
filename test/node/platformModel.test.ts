/**
 * Model operations in n8n's engine against the emulator's Platform API:
 * Search (Return All and Limit over several pages), Get (fields summarised
 * from the endpoint's OpenAPI schema), Get Pricing and Estimate Cost.
 */
import type { INodeParameters } from 'n8n-workflow';
import { CATALOGUE } from '../emulator/catalogue/catalogue';
import { PRICES } from '../emulator';
import { useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const model = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'model',
	operation,
	...extra,
});
const byId = (endpointId: string) => ({ __rl: true, mode: 'id', value: endpointId });
const active = CATALOGUE.filter((entry) => (entry.metadata.status ?? 'active') === 'active');

describe('Search', () => {
	test('Return All follows the cursor over every page: one item per model, paired with the input item', async () => {
		const { items, error } = await run({
			parameters: model('search', { returnAll: true }),
			typeVersion: 2,
		});
		expect(error).toBeUndefined();
		expect(active.length).toBeGreaterThan(50);
		expect(items.map((item) => item.json.endpoint_id)).toEqual(
			active.map((entry) => entry.endpointId),
		);
		// Pages of 50: two requests for more than 50 and at most 100 models.
		expect(emulator().stats.requests.models).toBe(Math.ceil(active.length / 50));
		expect(items[0].json).toMatchObject({
			endpoint_id: active[0].endpointId,
			display_name: expect.any(String),
			category: expect.any(String),
			model_url: expect.stringContaining('https://fal.ai/models/'),
		});
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a Limit asks for no more than it needs, across pages too', async () => {
		const seven = await run({ parameters: model('search', { limit: 7 }) });
		expect(seven.items).toHaveLength(7);
		expect(emulator().stats.requests.models).toBe(1);
		emulator().reset();
		const sixty = await run({ parameters: model('search', { limit: 60 }) });
		expect(sixty.items.map((item) => item.json.endpoint_id)).toEqual(
			active.slice(0, 60).map((entry) => entry.endpointId),
		);
		expect(emulator().stats.requests.models).toBe(2);
	});

	test('search text and category narrow the list', async () => {
		const { items } = await run({
			parameters: model('search', { query: 'flux', category: 'text-to-image', returnAll: true }),
		});
		expect(items.length).toBeGreaterThan(2);
		for (const item of items) {
			expect(item.json.category).toBe('text-to-image');
			expect(JSON.stringify(item.json).toLowerCase()).toContain('flux');
		}
	});

	test('one search per input item, each item its own records', async () => {
		const { items } = await run({
			parameters: model('search', { query: '={{ $json.q }}', limit: 2 }),
			items: [{ json: { q: 'kling' } }, { json: { q: 'kokoro' } }],
		});
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 1]);
		expect(items.slice(0, 2).every((item) => String(item.json.endpoint_id).includes('kling'))).toBe(
			true,
		);
		expect(items.slice(2).every((item) => String(item.json.endpoint_id).includes('kokoro'))).toBe(
			true,
		);
	});
});

test("Get summarises the endpoint's input and output fields from its schema", async () => {
	const { items, error } = await run({
		parameters: model('get', { endpoint: byId('fal-ai/flux/dev') }),
	});
	expect(error).toBeUndefined();
	const [{ json }] = items;
	expect(json).toMatchObject({
		endpoint_id: 'fal-ai/flux/dev',
		category: 'text-to-image',
		display_name: expect.any(String),
	});
	const input = json.input_fields as Array<Record<string, unknown>>;
	expect(input.find((field) => field.name === 'prompt')).toMatchObject({
		type: 'string',
		required: true,
	});
	expect(input.find((field) => field.name === 'image_size')).toMatchObject({
		type: 'image size (preset, or width and height)',
		enum: expect.arrayContaining(['square_hd', 'landscape_4_3']),
	});
	expect(input.find((field) => field.name === 'num_images')).toMatchObject({
		type: 'integer',
		default: 1,
		range: expect.stringMatching(/^1\.\.\d+$/),
	});
	const output = json.output_fields as Array<Record<string, unknown>>;
	expect(output.map((field) => field.name)).toContain('images');
});

test('Get names an endpoint fal does not have, before anything else', async () => {
	const { error } = await run({
		parameters: model('get', { endpoint: byId('fal-ai/no-such-model') }),
	});
	expect(error?.message).toBe(
		"Invalid Endpoint in item 0: fal's catalogue has no endpoint fal-ai/no-such-model",
	);
});

test('Get Pricing: one item per endpoint asked for, in that order; one fal lists no price for says so', async () => {
	const ids = ['fal-ai/flux/dev', 'fal-ai/kokoro/american-english', 'fal-ai/fast-sdxl/inpainting'];
	const { items, error } = await run({
		parameters: model('getPricing', { endpointIds: `${ids.join(', ')}, nobody/nothing` }),
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([
		...ids.map((id) => ({
			endpoint_id: id,
			unit_price: PRICES.get(id)!.unitPrice,
			unit: PRICES.get(id)!.unit,
			currency: 'USD',
		})),
		{
			endpoint_id: 'nobody/nothing',
			unit_price: null,
			unit: null,
			currency: null,
			note: 'fal lists no price for this endpoint',
		},
	]);
	expect(emulator().stats.requests.pricing).toBe(1);
});

test('Get Pricing checks every ID before asking fal', async () => {
	const { error } = await run({
		parameters: model('getPricing', {
			endpointIds: 'fal-ai/flux/dev, https://fal.ai/models/fal-ai/flux/schnell',
		}),
	});
	expect(error?.message).toBe(
		'Invalid Endpoint IDs (entry 2) in item 0: "https://fal.ai/models/fal-ai/flux/schnell" is not a fal endpoint ID; for that page the ID is "fal-ai/flux/schnell"',
	);
	expect(emulator().stats.requests.pricing).toBe(0);
});

test('Estimate Cost: units at the unit price, or calls at the historical price', async () => {
	const units = await run({
		parameters: model('estimateCost', {
			endpoint: byId('fal-ai/flux/dev'),
			estimateType: 'unit_price',
			quantity: 40,
		}),
	});
	expect(units.error).toBeUndefined();
	expect(units.items[0].json).toEqual({
		endpoint_id: 'fal-ai/flux/dev',
		unit_quantity: 40,
		estimate_type: 'unit_price',
		total_cost: 1,
		currency: 'USD',
	});
	const calls = await run({
		parameters: model('estimateCost', {
			endpoint: byId('fal-ai/kokoro/american-english'),
			estimateType: 'historical_api_price',
			quantity: 10,
		}),
	});
	expect(calls.items[0].json).toMatchObject({
		endpoint_id: 'fal-ai/kokoro/american-english',
		call_quantity: 10,
		estimate_type: 'historical_api_price',
		total_cost: expect.any(Number),
		currency: 'USD',
	});
	expect(calls.items[0].json.total_cost).toBeCloseTo(10 * 0.02, 6);
});

test("fal's platform errors reach the user worded, with fal's type and message", async () => {
	const { error } = await run({
		parameters: model('estimateCost', { endpoint: byId('nobody/nothing'), quantity: 1 }),
	});
	expect(error?.message).toMatch(
		/^fal found nothing for Model → Estimate Cost \(nobody\/nothing\): /,
	);
	expect(error?.description).toContain("fal's error type: not_found");
});
