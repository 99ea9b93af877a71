/**
 * fal's Platform API when things go wrong and when they are watched: bad
 * query values and unknown paths, fault rules per route, capture by route
 * name; and the same API under fal's own host names over TLS, for a client
 * that talks to fal directly.
 */
import { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY, startFalEmulator } from '../emulator';
import { fetchThroughProxy, oracleClient } from '../helpers/falClient';
import { startForwardProxy } from '../helpers/forwardProxy';
import { type PlatformErrorBody, runToResult } from '../helpers/platform';
import { testCertificates } from '../helpers/tls';
import { call, emulator, FLUX, usePlatformEmulator } from './platformSetup';

usePlatformEmulator();

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
