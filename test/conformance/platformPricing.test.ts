/**
 * fal's prices through the Platform API (`GET /models/pricing`,
 * `POST /models/pricing/estimate`): every endpoint priced in fal's kinds of
 * unit, page by page, estimates from unit prices, and the errors.
 */
import { CATALOGUE, EMULATED_ENDPOINTS, EMULATOR_FAL_KEY, PRICES } from '../emulator';
import { allPages, type PlatformErrorBody } from '../helpers/platform';
import { call, emulator, FLUX, usePlatformEmulator } from './platformSetup';

usePlatformEmulator();

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
