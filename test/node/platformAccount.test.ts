/**
 * Account operations in n8n's engine against the emulator's Platform API,
 * reading the jobs the tests really ran: Get Usage and Get Balance (admin
 * key; a normal key is told where to get one), Get Analytics, List Requests,
 * Delete Request Payloads (output files gone after, harmless twice), and the
 * dates they take.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY, EMULATOR_USERNAME } from '../emulator';
import { imageAndMaskItem, inpaintParameters, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const ENDPOINT = 'fal-ai/fast-sdxl/inpainting';
const account = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'account',
	operation,
	...extra,
});
const byId = (endpointId: string) => ({ __rl: true, mode: 'id', value: endpointId });
const admin = () => ({ apiKey: EMULATOR_ADMIN_FAL_KEY, proxyUrl: emulator().proxyUrl });

/** Runs `count` inpaintings (one image each, 0.0025 USD each) and returns their outputs. */
async function generate(count: number): Promise<IDataObject[]> {
	const { items, error } = await run({
		parameters: inpaintParameters(),
		items: Array.from({ length: count }, () => imageAndMaskItem()),
	});
	expect(error).toBeUndefined();
	return items.map((item) => item.json);
}

describe('Get Usage', () => {
	test('summary: one item per endpoint and unit, with quantity and cost', async () => {
		await generate(3);
		const { items, error } = await run({ parameters: account('getUsage'), credentials: admin() });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				endpoint_id: ENDPOINT,
				unit: 'image',
				quantity: 3,
				unit_price: 0.0025,
				cost_total: 0.0075,
				currency: 'USD',
			},
		]);
	});

	test('time series: one item per endpoint per bucket, the bucket beside it', async () => {
		await generate(2);
		const { items } = await run({
			parameters: account('getUsage', { view: 'timeSeries', timeframe: 'hour' }),
			credentials: admin(),
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			bucket: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:00:00/),
			endpoint_id: ENDPOINT,
			quantity: 2,
		});
	});

	test('dates: ISO text and n8n dates; a period without jobs has no lines; a date that is not one fails before fal is asked', async () => {
		await generate(1);
		const past = await run({
			parameters: account('getUsage', { start: '2020-01-01', end: '2020-01-02T00:00:00Z' }),
			credentials: admin(),
		});
		expect(past.error).toBeUndefined();
		expect(past.items).toEqual([]);
		const around = await run({
			parameters: account('getUsage', {
				start: '={{ $now.minus({ hours: 1 }) }}',
				end: '={{ $now.plus({ hours: 1 }).toJSDate() }}',
			}),
			credentials: admin(),
		});
		expect(around.items.map((item) => item.json.quantity)).toEqual([1]);
		const requestsBefore = emulator().stats.requests.usage;
		const wrong = await run({
			parameters: account('getUsage', { start: 'last tuesday' }),
			credentials: admin(),
		});
		expect(wrong.error?.message).toMatch(
			/^Invalid Start in item 0: "last tuesday" is not a date; give an ISO date/,
		);
		const backwards = await run({
			parameters: account('getUsage', { start: '2026-02-01', end: '2026-01-01' }),
			credentials: admin(),
		});
		// Dates without an offset are read in the workflow's timezone (n8n's default here: America/New_York).
		expect(backwards.error?.message).toBe(
			'Invalid End in item 0: (2026-01-01T05:00:00.000Z) must come after Start (2026-02-01T05:00:00.000Z)',
		);
		expect(emulator().stats.requests.usage).toBe(requestsBefore);
	});

	test('a normal key is told that an admin key is needed, and where to create one', async () => {
		const { error } = await run({ parameters: account('getUsage') });
		expect(error?.message).toBe(
			"Account → Get Usage needs a fal admin key: fal refused this credential's key (403)",
		);
		expect(error?.description).toContain('https://fal.ai/dashboard/keys');
		expect(error?.description).toContain("fal's error type: authorization_error");
		expect(JSON.stringify(error)).not.toContain(EMULATOR_FAL_KEY.split(':')[1]);
	});

	test('under Continue On Fail the 403 becomes an error item', async () => {
		const { items, error } = await run({
			parameters: account('getUsage'),
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => (item.json.error as IDataObject).message)).toEqual([
			"Account → Get Usage needs a fal admin key: fal refused this credential's key (403)",
			"Account → Get Usage needs a fal admin key: fal refused this credential's key (403)",
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

test('Get Balance: the credits left, after what the jobs cost (admin key)', async () => {
	await generate(4);
	const { items, error } = await run({ parameters: account('getBalance'), credentials: admin() });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({
		username: EMULATOR_USERNAME,
		current_balance: 100 - 4 * 0.0025,
		currency: 'USD',
	});
	const normal = await run({ parameters: account('getBalance') });
	expect(normal.error?.message).toBe(
		"Account → Get Balance needs a fal admin key: fal refused this credential's key (403)",
	);
});

test("Get Analytics: the chosen metrics of an endpoint's requests", async () => {
	await generate(2);
	const { items, error } = await run({
		parameters: account('getAnalytics', {
			endpoint: byId(ENDPOINT),
			metrics: ['request_count', 'success_count', 'error_count', 'p50_duration'],
		}),
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([
		{
			endpoint_id: ENDPOINT,
			request_count: 2,
			success_count: 2,
			error_count: 0,
			p50_duration: expect.any(Number),
		},
	]);
	const unknown = await run({
		parameters: account('getAnalytics', {
			endpoint: byId(ENDPOINT),
			metrics: ['request_count', 'happiness'],
		}),
	});
	expect(unknown.error?.message).toMatch(
		/^Invalid Metrics in item 0: happiness is not one of fal's metrics/,
	);
});

describe('List Requests', () => {
	test("the test's own requests, newest first, with their payloads when asked", async () => {
		const outputs = await generate(3);
		const { items, error } = await run({
			parameters: account('listRequests', {
				endpoint: byId(ENDPOINT),
				returnAll: true,
				includePayloads: true,
			}),
		});
		expect(error).toBeUndefined();
		expect(new Set(items.map((item) => item.json.request_id))).toEqual(
			new Set(outputs.map((output) => output.requestId)),
		);
		expect(items[0].json).toMatchObject({
			endpoint_id: ENDPOINT,
			status_code: 200,
			json_input: expect.objectContaining({ prompt: 'a tiger on a bench' }),
			json_output: { images: [expect.any(Object)] },
		});
		const limited = await run({
			parameters: account('listRequests', { endpoint: byId(ENDPOINT), limit: 2 }),
		});
		expect(limited.items).toHaveLength(2);
		expect(limited.items[0].json).not.toHaveProperty('json_input');
	});

	test('status filter', async () => {
		await generate(1);
		const errors = await run({
			parameters: account('listRequests', {
				endpoint: byId(ENDPOINT),
				requestStatus: 'error',
				returnAll: true,
			}),
		});
		expect(errors.items).toEqual([]);
		const successes = await run({
			parameters: account('listRequests', {
				endpoint: byId(ENDPOINT),
				requestStatus: 'success',
				returnAll: true,
			}),
		});
		expect(successes.items).toHaveLength(1);
	});
});

describe('Delete Request Payloads', () => {
	test("deletes a request's payloads and output files; run twice, it answers as the first time", async () => {
		const [output] = await generate(1);
		const url = (output.images as Array<{ url: string }>)[0].url;
		expect((await fetch(url)).status).toBe(200);
		const parameters = account('deletePayloads');
		const first = await run({ parameters, items: [{ json: output }], credentials: admin() });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toEqual({
			requestId: output.requestId,
			deleted: true,
			filesDeleted: 1,
			cdn_delete_results: [{ link: url, exception: null }],
		});
		expect((await fetch(url)).status).toBe(404);
		const history = await run({
			parameters: account('listRequests', { endpoint: byId(ENDPOINT), includePayloads: true }),
		});
		expect(history.items[0].json).not.toHaveProperty('json_output');
		// The same Idempotency-Key: fal answers the first deletion's result again, not an empty one.
		const second = await run({ parameters, items: [{ json: output }], credentials: admin() });
		expect(second.items[0].json).toEqual(first.items[0].json);
	});

	test('the request ID is checked first; a normal key is told an admin key is needed', async () => {
		const empty = await run({
			parameters: account('deletePayloads'),
			items: [{ json: {} }],
			credentials: admin(),
		});
		expect(empty.error?.message).toMatch(/^Invalid Request ID in item 0: is empty/);
		expect(emulator().stats.requests.deletePayloads).toBe(0);
		const [output] = await generate(1);
		const normal = await run({ parameters: account('deletePayloads'), items: [{ json: output }] });
		expect(normal.error?.message).toBe(
			`Account → Delete Request Payloads (${String(output.requestId)}) needs a fal admin key: fal refused this credential's key (403)`,
		);
	});
});
