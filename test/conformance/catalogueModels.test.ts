/**
 * fal's catalogue (`GET https://api.fal.ai/v1/models`) driven as a client
 * drives it, through a fal proxy (`x-fal-target-url`): pages and cursors,
 * search, filters, the endpoints' documents on request, and the errors.
 */
import {
	CATALOGUE,
	EMULATED_ENDPOINTS,
	EMULATOR_FAL_KEY,
	inputSchemaOf,
	type JsonSchema,
	outputSchemaOf,
} from '../emulator';
import { oracleClient } from '../helpers/falClient';
import { emulator, MODELS, models, useCatalogueEmulator, viaProxy } from './catalogueSetup';

useCatalogueEmulator();

/** Every `$ref` in a document, wherever it is. */
function refsOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(refsOf);
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, inner]) =>
		key === '$ref' && typeof inner === 'string' ? [inner] : refsOf(inner),
	);
}

describe('GET https://api.fal.ai/v1/models', () => {
	it('pages through the whole catalogue with cursors, without a key', async () => {
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const { status, contentType, body } = await models(
				`?limit=15${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			expect(status).toBe(200);
			expect(contentType).toBe('application/json');
			expect(body.models.length).toBeLessThanOrEqual(15);
			expect(body.has_more).toBe(body.next_cursor !== null);
			seen.push(...body.models.map((model) => model.endpoint_id));
			for (const model of body.models) {
				expect(model.metadata).toMatchObject({
					status: 'active',
					kind: 'inference',
					model_url: `https://fal.ai/models/${model.endpoint_id}`,
				});
				expect(model.openapi).toBeUndefined();
			}
			cursor = body.next_cursor;
			pages++;
		} while (cursor);
		expect(seen.length).toBeGreaterThanOrEqual(40);
		expect(pages).toBe(Math.ceil(seen.length / 15));
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toEqual(
			expect.arrayContaining(EMULATED_ENDPOINTS.map((endpoint) => endpoint.endpointId)),
		);
		expect(emulator.stats.requests.models).toBe(pages);
		expect(emulator.stats.authFailures).toBe(0);
	});

	it('answers 20 entries a page by default', async () => {
		const { body } = await models('');
		expect(body.models).toHaveLength(20);
		expect(body).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
	});

	it('searches with q, case-insensitively, in ids, names, descriptions and tags', async () => {
		const flux = (await models('?q=FLUX&limit=100')).body.models.map((model) => model.endpoint_id);
		expect(flux).toEqual(
			expect.arrayContaining(['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/flux-pro/kontext']),
		);
		expect(flux).not.toContain('fal-ai/kokoro/american-english');
		// By description only, and by tag only.
		expect(
			(await models('?q=emulator%20only')).body.models.map((model) => model.endpoint_id),
		).toEqual(['fal-ai/image-archive']);
		const background = (await models('?q=background%20removal')).body.models.map(
			(model) => model.endpoint_id,
		);
		expect(background).toEqual(
			expect.arrayContaining(['fal-ai/imageutils/rembg', 'fal-ai/birefnet/v2']),
		);
		expect((await models('?q=no-such-thing-anywhere')).body).toEqual({
			models: [],
			next_cursor: null,
			has_more: false,
		});
	});

	it('filters by category and status (active by default)', async () => {
		const video = (await models('?category=image-to-video&limit=100')).body.models;
		expect(video.length).toBeGreaterThan(3);
		expect(video.every((model) => model.metadata.category === 'image-to-video')).toBe(true);
		expect(video.map((model) => model.endpoint_id)).toContain(
			'fal-ai/kling-video/v2.1/standard/image-to-video',
		);

		const deprecated = (await models('?status=deprecated&limit=100')).body.models;
		expect(deprecated.length).toBeGreaterThanOrEqual(1);
		expect(deprecated.every((model) => model.metadata.status === 'deprecated')).toBe(true);
		const active = (await models('?limit=100')).body;
		expect(active.has_more).toBe(false);
		for (const { endpoint_id: id } of deprecated)
			expect(active.models.map((model) => model.endpoint_id)).not.toContain(id);
	});

	it('answers exactly the endpoint_id given, with their documents on expand=openapi-3.0', async () => {
		const ids = [
			'fal-ai/kokoro/american-english',
			'fal-ai/flux/dev',
			'fal-ai/veo3',
			'fal-ai/stable-video',
		];
		const { body } = await models(
			`?${ids.map((id) => `endpoint_id=${encodeURIComponent(id)}`).join('&')}&expand=openapi-3.0`,
		);
		expect(body.models.map((model) => model.endpoint_id)).toEqual(ids);
		for (const model of body.models) {
			const document = model.openapi!;
			expect(document).toMatchObject({
				openapi: '3.0.4',
				info: {
					'x-fal-metadata': { endpointId: model.endpoint_id, category: model.metadata.category },
				},
			});
			expect(Object.keys(document.paths).sort()).toEqual(
				[
					'',
					'/requests/{request_id}',
					'/requests/{request_id}/cancel',
					'/requests/{request_id}/status',
				]
					.map((path) => `/${model.endpoint_id}${path}`)
					.sort(),
			);
			expect(inputSchemaOf(document).required).toContain('prompt');
		}
		const flux = inputSchemaOf(body.models[1].openapi!);
		expect(flux['x-fal-order-properties']?.slice(0, 3)).toEqual([
			'prompt',
			'image_size',
			'num_inference_steps',
		]);
		expect((flux.properties!.image_size.anyOf as JsonSchema[])[0]).toEqual({
			$ref: '#/components/schemas/ImageSize',
		});
		expect(body.models[3].metadata.status).toBe('deprecated');
		// Listed, not run: submitting answers 404 as for any unknown endpoint.
		const fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
		await expect(
			fal.queue.submit('fal-ai/veo3' as string, { input: { prompt: 'p' } }),
		).rejects.toMatchObject({ status: 404 });
	});

	it('gives every entry a loadable document: every $ref resolves, input and output are objects', async () => {
		const { body } = await models(
			`?${CATALOGUE.slice(0, 50)
				.map((entry) => `endpoint_id=${encodeURIComponent(entry.endpointId)}`)
				.join('&')}&expand=openapi-3.0&limit=100`,
		);
		expect(body.models).toHaveLength(50);
		for (const { openapi: document } of body.models) {
			for (const ref of refsOf(document))
				expect(
					document!.components.schemas[ref.replace('#/components/schemas/', '')],
				).toBeDefined();
			expect(inputSchemaOf(document!).type).toBe('object');
			expect(outputSchemaOf(document!).type).toBe('object');
		}
	});

	it('ignores the key: a wrong one still gets 200', async () => {
		const { status, body } = await models('?limit=1', 'wrong-id:wrong-secret');
		expect(status).toBe(200);
		expect(body.models).toHaveLength(1);
		expect(emulator.stats.authFailures).toBe(0);
	});

	it.each([
		['limit 0', '?limit=0'],
		['limit 101', '?limit=101'],
		['a limit that is no number', '?limit=ten'],
		['a cursor it did not give', '?cursor=not-a-cursor'],
		['an unknown status', '?status=retired'],
		[
			'51 endpoint ids',
			`?${Array.from({ length: 51 }, (_, index) => `endpoint_id=a/${index}`).join('&')}`,
		],
	])('answers %s with 400 in the Platform API error shape', async (_case, query) => {
		const { status, contentType, body } = await viaProxy<{
			error: { type: string; message: string };
		}>(`${MODELS}${query}`);
		expect(status).toBe(400);
		expect(contentType).toBe('application/json');
		expect(body).toEqual({ error: { type: 'validation_error', message: expect.any(String) } });
	});

	it('takes fault rules, answered in the Platform API error shape', async () => {
		emulator.configure({
			faults: [{ route: 'models', kind: 'rate-limit', calls: [2], retryAfterSeconds: 3 }],
		});
		expect((await models('?limit=1')).status).toBe(200);
		const answer = await fetch(emulator.proxyUrl, {
			headers: { 'x-fal-target-url': `${MODELS}?limit=1` },
		});
		expect(answer.status).toBe(429);
		expect(answer.headers.get('retry-after')).toBe('3');
		expect(await answer.json()).toEqual({
			error: { type: 'rate_limited', message: expect.any(String) },
		});
		expect(emulator.stats).toMatchObject({ faultsInjected: 1, requests: { models: 2 } });
	});
});
