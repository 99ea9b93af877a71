/**
 * fal's Platform API (https://api.fal.ai/v1, fal-platform.md), driven as a
 * client drives it: `fetch` through the emulator as a fal proxy. Keys (admin
 * and normal), pricing and estimates, payload deletion, errors, faults and
 * capture; usage, analytics, request history and billing from real jobs are in
 * platformUsage.test.ts.
 */
import {
	CATALOGUE,
	EMULATED_ENDPOINTS,
	EMULATOR_ADMIN_FAL_KEY,
	EMULATOR_FAL_KEY,
	EMULATOR_LOCKED_FAL_KEY,
	type FalEmulator,
	PRICES,
	startFalEmulator,
} from '../emulator';
import { type FalClient, fetchThroughProxy, oracleClient } from '../helpers/falClient';
import { startForwardProxy } from '../helpers/forwardProxy';
import { makePng, toBlob } from '../helpers/images';
import { allPages, platform, type PlatformErrorBody, runToResult } from '../helpers/platform';
import { testCertificates } from '../helpers/tls';

interface RequestItem {
	request_id: string;
	json_input?: unknown;
	json_output?: unknown;
}

const FLUX: string = 'fal-ai/flux/dev';
const NEEDS_ADMIN =
	'This endpoint requires an ADMIN API key. Create one in fal.ai → Dashboard → Keys (scope: Admin).';

let emulator: FalEmulator;
let fal: FalClient;
let admin: FalClient;

/** A call with the normal key, another key, or none (null). */
const call = <T = Record<string, unknown>>(
	path: string,
	key: string | null = EMULATOR_FAL_KEY,
	init: Omit<Parameters<typeof platform>[2], 'key'> = {},
) => platform<T>(emulator.proxyUrl, path, { ...init, key: key ?? undefined });

beforeAll(async () => {
	emulator = await startFalEmulator({ queueTimeMs: 10, inferenceTimeMs: 20 });
	fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
	admin = oracleClient({ apiKey: EMULATOR_ADMIN_FAL_KEY, proxyUrl: emulator.proxyUrl });
});

afterAll(() => emulator.stop());

describe('keys', () => {
	beforeEach(() => emulator.reset());

	const ADMIN_ROUTES: Array<[string, string, 'GET' | 'DELETE']> = [
		['usage', '/models/usage', 'GET'],
		['billing', '/account/billing?expand=credits', 'GET'],
		[
			'payload deletion',
			'/models/requests/00000000-0000-0000-0000-000000000000/payloads',
			'DELETE',
		],
	];

	it.each(ADMIN_ROUTES)(
		'%s answers a normal key 403 in the platform shape, and takes an admin key',
		async (_, path, method) => {
			const refused = await call<PlatformErrorBody>(path, EMULATOR_FAL_KEY, { method });
			expect(refused.status).toBe(403);
			expect(refused.headers.get('content-type')).toBe('application/json');
			expect(refused.body).toEqual({
				error: { type: 'authorization_error', message: NEEDS_ADMIN },
			});
			// Past the key check: payload deletion then finds no such request.
			const allowed = await call(path, EMULATOR_ADMIN_FAL_KEY, { method });
			expect(allowed.status).toBe(method === 'DELETE' ? 404 : 200);
		},
	);

	it('answers 401 without a key or with an unknown one, 403 for a locked account, on every route but the catalogue', async () => {
		const paths = [
			'/models/pricing?endpoint_id=fal-ai/flux/dev',
			'/models/usage',
			'/models/analytics?endpoint_id=fal-ai/flux/dev',
			'/models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev',
			'/account/billing',
			'/workflows',
			'/workflows/emulator/sticker-maker',
		];
		for (const path of paths) {
			for (const [key, status] of [
				[null, 401],
				['nobody:nothing', 401],
				[EMULATOR_LOCKED_FAL_KEY, 403],
			] as const) {
				const answer = await call<PlatformErrorBody>(path, key);
				expect([path, answer.status]).toEqual([path, status]);
				expect(answer.body.error.type).toBe('authorization_error');
				expect(typeof answer.body.error.message).toBe('string');
			}
		}
		const estimate = await call<PlatformErrorBody>('/models/pricing/estimate', null, {
			method: 'POST',
			body: {},
		});
		expect(estimate.status).toBe(401);
		expect(emulator.stats.authFailures).toBe(paths.length * 3 + 1);
		// The catalogue still needs none.
		expect((await call('/models?limit=1', null)).status).toBe(200);
	});

	it('takes an admin key everywhere a normal one goes: the queue, storage, the other Platform routes', async () => {
		const imageUrl = await admin.storage.upload(toBlob(makePng(8, 8, [1, 2, 3]), 'image/png'));
		const { output } = await runToResult(admin, 'fal-ai/imageutils/rembg', { image_url: imageUrl });
		expect(output).toMatchObject({ image: { width: 8, height: 8 } });
		expect(emulator.jobs()[0].apiKey).toBe(EMULATOR_ADMIN_FAL_KEY);
		for (const path of [
			'/models/pricing?endpoint_id=fal-ai/flux/dev',
			'/workflows',
			'/models/analytics?endpoint_id=fal-ai/flux/dev',
		]) {
			expect((await call(path, EMULATOR_ADMIN_FAL_KEY)).status).toBe(200);
		}
		expect(emulator.stats.authFailures).toBe(0);
	});
});

describe('GET /models/pricing and POST /models/pricing/estimate', () => {
	it('prices every endpoint the emulator runs and every catalogue entry, page by page', async () => {
		const ids = CATALOGUE.map((entry) => entry.endpointId);
		const query = ids.map((id) => `endpoint_id=${encodeURIComponent(id)}`).join('&');
		const { records, pages } = await allPages(
			emulator.proxyUrl,
			`/models/pricing?${query}`,
			(page) => page.prices as Array<Record<string, unknown>>,
			25,
			EMULATOR_FAL_KEY,
		);
		expect(pages).toBe(Math.ceil(ids.length / 25));
		expect(records.map((price) => price.endpoint_id)).toEqual(ids);
		for (const price of records) {
			expect(price).toEqual({
				endpoint_id: price.endpoint_id,
				unit_price: PRICES.get(price.endpoint_id as string)!.unitPrice,
				unit: PRICES.get(price.endpoint_id as string)!.unit,
				currency: 'USD',
			});
			expect(price.unit_price).toBeGreaterThan(0);
		}
		expect(EMULATED_ENDPOINTS.every((endpoint) => PRICES.has(endpoint.endpointId))).toBe(true);
	});

	it("uses fal's kinds of unit", async () => {
		const units = {
			'fal-ai/fast-sdxl/inpainting': 'image',
			'fal-ai/nano-banana/edit': 'image',
			'fal-ai/imageutils/rembg': 'image',
			'fal-ai/flux/dev': 'megapixels',
			'fal-ai/kling-video/v2.1/standard/image-to-video': 'second',
			'fal-ai/kokoro/american-english': '1000 characters',
			'fal-ai/image-archive': 'compute seconds',
		};
		const query = Object.keys(units)
			.map((id) => `endpoint_id=${id}`)
			.join('&');
		const { status, body } = await call<{
			prices: Array<{ endpoint_id: string; unit: string; unit_price: number }>;
		}>(`/models/pricing?${query}`);
		expect(status).toBe(200);
		expect(Object.fromEntries(body.prices.map((price) => [price.endpoint_id, price.unit]))).toEqual(
			units,
		);
		expect(body.prices.find((price) => price.endpoint_id === FLUX)!.unit_price).toBe(0.025);
	});

	it('leaves unknown endpoints out, and answers 400 without endpoint_id', async () => {
		const known = await call(
			'/models/pricing?endpoint_id=fal-ai/no-such&endpoint_id=fal-ai/flux/dev',
		);
		expect(known.body).toEqual({
			prices: [{ endpoint_id: FLUX, unit_price: 0.025, unit: 'megapixels', currency: 'USD' }],
			next_cursor: null,
			has_more: false,
		});
		const missing = await call<PlatformErrorBody>('/models/pricing');
		expect(missing.status).toBe(400);
		expect(missing.body.error.type).toBe('validation_error');
	});

	it('estimates from unit prices: the sum of price × quantity', async () => {
		const { status, body } = await call('/models/pricing/estimate', EMULATOR_FAL_KEY, {
			method: 'POST',
			body: {
				estimate_type: 'unit_price',
				endpoints: {
					[FLUX]: { unit_quantity: 4 },
					'fal-ai/kling-video/v2.1/standard/image-to-video': { unit_quantity: 10 },
				},
			},
		});
		expect(status).toBe(200);
		expect(body).toEqual({ estimate_type: 'unit_price', total_cost: 0.6, currency: 'USD' });
	});

	it.each([
		['no estimate type', { endpoints: { [FLUX]: { unit_quantity: 1 } } }],
		[
			'an unknown estimate type',
			{ estimate_type: 'guess', endpoints: { [FLUX]: { unit_quantity: 1 } } },
		],
		['no endpoints', { estimate_type: 'unit_price', endpoints: {} }],
		[
			'a negative quantity',
			{ estimate_type: 'unit_price', endpoints: { [FLUX]: { unit_quantity: -1 } } },
		],
		[
			"the other type's quantity",
			{ estimate_type: 'historical_api_price', endpoints: { [FLUX]: { unit_quantity: 1 } } },
		],
		['a body that is not JSON', '{"estimate_type":'],
	])('answers 400 validation_error for %s', async (_, body) => {
		const answer = await call<PlatformErrorBody>('/models/pricing/estimate', EMULATOR_FAL_KEY, {
			method: 'POST',
			body,
		});
		expect(answer.status).toBe(400);
		expect(answer.body.error.type).toBe('validation_error');
	});
});

describe('DELETE /models/requests/{request_id}/payloads', () => {
	beforeEach(() => emulator.reset());

	it('deletes the output files (not the inputs) and the payloads; again with the same Idempotency-Key answers the same', async () => {
		const inputUrl = await fal.storage.upload(toBlob(makePng(8, 8, [5, 6, 7]), 'image/png'));
		const { requestId, output } = await runToResult(fal, 'fal-ai/imageutils/rembg', {
			image_url: inputUrl,
		});
		const imageUrl = (output as { image: { url: string } }).image.url;
		const flux = await runToResult(fal, FLUX, {
			prompt: 'two',
			image_size: 'square',
			num_images: 2,
		});
		expect((await fetch(imageUrl)).status).toBe(200);

		const path = `/models/requests/${requestId}/payloads`;
		const first = await call(path, EMULATOR_ADMIN_FAL_KEY, {
			method: 'DELETE',
			headers: { 'Idempotency-Key': 'delete-1' },
		});
		expect(first.status).toBe(200);
		expect(first.body).toEqual({ cdn_delete_results: [{ link: imageUrl, exception: null }] });
		expect((await fetch(imageUrl)).status).toBe(404);
		expect(emulator.file(imageUrl)).toBeUndefined();
		expect((await fetch(inputUrl)).status).toBe(200);
		// The other job's files stay.
		for (const image of (flux.output as { images: Array<{ url: string }> }).images)
			expect((await fetch(image.url)).status).toBe(200);

		const again = await call(path, EMULATOR_ADMIN_FAL_KEY, {
			method: 'DELETE',
			headers: { 'Idempotency-Key': 'delete-1' },
		});
		expect(again).toMatchObject({ status: 200, body: first.body });
		const keyless = await call(path, EMULATOR_ADMIN_FAL_KEY, { method: 'DELETE' });
		expect(keyless).toMatchObject({ status: 200, body: { cdn_delete_results: [] } });

		const { body } = await call<{ items: RequestItem[] }>(
			`/models/requests/by-endpoint?endpoint_id=fal-ai/imageutils/rembg&expand=payloads`,
		);
		expect(body.items).toHaveLength(1);
		expect(body.items[0]).not.toHaveProperty('json_input');
		expect(body.items[0]).not.toHaveProperty('json_output');
		expect(emulator.stats.requests.deletePayloads).toBe(3);
	});

	it('answers 404 not_found for an unknown request', async () => {
		const answer = await call<PlatformErrorBody>(
			'/models/requests/no-such-request/payloads',
			EMULATOR_ADMIN_FAL_KEY,
			{ method: 'DELETE' },
		);
		expect(answer.status).toBe(404);
		expect(answer.body.error.type).toBe('not_found');
	});
});

describe('errors, faults, counts and capture', () => {
	beforeEach(() => emulator.reset());

	it('answers bad query values 400 validation_error, unknown paths 404 not_found', async () => {
		for (const query of [
			'timeframe=year',
			'start=yesterday',
			'timezone=Mars/Olympus',
			'limit=0',
			'cursor=nonsense',
			'expand=everything',
			`start=${new Date().toISOString()}&end=2020-01-01T00:00:00Z`,
		]) {
			const answer = await call<PlatformErrorBody>(
				`/models/usage?${query}`,
				EMULATOR_ADMIN_FAL_KEY,
			);
			expect([query, answer.status, answer.body.error.type]).toEqual([
				query,
				400,
				'validation_error',
			]);
		}
		const unknown = await call<PlatformErrorBody>('/models/no-such-route');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.type).toBe('not_found');
	});

	it('fault rules target each route and answer in the platform shape', async () => {
		emulator.configure({
			faults: [
				{ route: 'usage', kind: 'rate-limit', calls: [1], retryAfterSeconds: 3 },
				{ route: 'pricing', kind: 'unavailable', calls: [1] },
				{ route: 'workflows', kind: 'unavailable', status: 500, calls: [1] },
			],
		});
		const limited = await call<PlatformErrorBody>('/models/usage', EMULATOR_ADMIN_FAL_KEY);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.body.error.type).toBe('rate_limited');
		const down = await call<PlatformErrorBody>('/models/pricing?endpoint_id=fal-ai/flux/dev');
		expect(down.status).toBe(503);
		expect(down.body.error.type).toBe('server_error');
		expect((await call('/workflows')).status).toBe(500);
		// Second calls go through.
		expect((await call('/models/usage', EMULATOR_ADMIN_FAL_KEY)).status).toBe(200);
		expect((await call('/workflows')).status).toBe(200);
		expect(emulator.stats.requests).toMatchObject({ usage: 2, pricing: 1, workflows: 2 });
		expect(emulator.stats.faultsInjected).toBe(3);
	});

	it('captures each call under its route name', async () => {
		emulator.configure({ capture: true });
		try {
			await call('/models/analytics?endpoint_id=fal-ai/flux/dev');
			await call('/models/pricing/estimate', EMULATOR_FAL_KEY, {
				method: 'POST',
				body: { estimate_type: 'unit_price', endpoints: { [FLUX]: { unit_quantity: 1 } } },
			});
			await call('/workflows/emulator/sticker-maker');
			await new Promise((resolve) => setTimeout(resolve, 20));
			expect(emulator.captured.map((request) => request.route)).toEqual([
				'analytics',
				'pricingEstimate',
				'workflow',
			]);
			expect(emulator.captured[1]).toMatchObject({
				method: 'POST',
				target: 'https://api.fal.ai/v1/models/pricing/estimate',
			});
			expect(JSON.parse(emulator.captured[1].body.toString('utf8'))).toMatchObject({
				estimate_type: 'unit_price',
			});
		} finally {
			emulator.configure({ capture: false });
		}
	});
});

describe("under fal's own host names, over TLS", () => {
	it('answers api.fal.ai/v1 and runs a workflow for a client that talks to fal directly', async () => {
		const direct = await startFalEmulator({
			tls: testCertificates(),
			queueTimeMs: 10,
			inferenceTimeMs: 20,
		});
		const tunnel = { host: '127.0.0.1', port: direct.tlsPort };
		const forwardProxy = await startForwardProxy({
			'api.fal.ai:443': tunnel,
			'queue.fal.run:443': tunnel,
		});
		try {
			const viaTls = fetchThroughProxy(forwardProxy.url, testCertificates().ca);
			const headers = (key: string) => ({ authorization: `Key ${key}` });
			const pricing = await viaTls(
				'https://api.fal.ai/v1/models/pricing?endpoint_id=fal-ai/flux/dev',
				{ headers: headers(EMULATOR_FAL_KEY) },
			);
			expect(pricing.status).toBe(200);
			expect(((await pricing.json()) as { prices: unknown[] }).prices).toHaveLength(1);
			const billing = await viaTls('https://api.fal.ai/v1/account/billing', {
				headers: headers(EMULATOR_FAL_KEY),
			});
			expect(billing.status).toBe(403);

			const client = oracleClient({ apiKey: EMULATOR_FAL_KEY, fetch: viaTls });
			const { requestId, output } = await runToResult(client, 'workflows/emulator/read-aloud', {
				text: 'Over TLS.',
			});
			expect(output).toMatchObject({ audio: { content_type: 'audio/wav' } });
			const deleted = await viaTls(`https://api.fal.ai/v1/models/requests/${requestId}/payloads`, {
				method: 'DELETE',
				headers: headers(EMULATOR_ADMIN_FAL_KEY),
			});
			expect(
				((await deleted.json()) as { cdn_delete_results: unknown[] }).cdn_delete_results,
			).toHaveLength(1);
			expect(forwardProxy.tunnels).toEqual(
				expect.arrayContaining(['api.fal.ai:443', 'queue.fal.run:443']),
			);
		} finally {
			await forwardProxy.stop();
			await direct.stop();
		}
	});
});
