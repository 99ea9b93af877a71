/**
 * fal's endpoint documents (`GET https://fal.ai/api/openapi/queue/openapi.json`)
 * through a fal proxy, and the catalogue and the documents over TLS under
 * fal's own host names, through a forward proxy.
 */
import {
	EMULATED_ENDPOINTS,
	inputSchemaOf,
	MAX_PAGE_SIZE,
	type OpenApiDocument,
} from '../emulator';
import { fetchThroughProxy } from '../helpers/falClient';
import { testCertificates } from '../helpers/tls';
import {
	emulator,
	forwardProxy,
	MODELS,
	models,
	type ModelsPage,
	OPENAPI,
	useCatalogueEmulator,
	viaProxy,
} from './catalogueSetup';

useCatalogueEmulator();

describe('GET https://fal.ai/api/openapi/queue/openapi.json', () => {
	it('serves the document of every endpoint the emulator runs, as the catalogue does, without a key', async () => {
		const { body } = await models(
			`?${EMULATED_ENDPOINTS.map((endpoint) => `endpoint_id=${encodeURIComponent(endpoint.endpointId)}`).join('&')}&expand=openapi-3.0&limit=${MAX_PAGE_SIZE}`,
		);
		expect(body.models).toHaveLength(EMULATED_ENDPOINTS.length);
		for (const model of body.models) {
			const { status, body: document } = await viaProxy<OpenApiDocument>(
				`${OPENAPI}?endpoint_id=${encodeURIComponent(model.endpoint_id)}`,
			);
			expect(status).toBe(200);
			expect(document).toEqual(model.openapi);
		}
		expect(emulator.stats.requests.openapi).toBe(EMULATED_ENDPOINTS.length);
	});

	it('answers 404 with a detail for an unknown endpoint', async () => {
		const { status, body } = await viaProxy<{ detail: string }>(
			`${OPENAPI}?endpoint_id=fal-ai/no-such-model`,
			'wrong-id:wrong-secret',
		);
		expect(status).toBe(404);
		expect(body.detail).toMatch(/fal-ai\/no-such-model/);
	});
});

describe("over TLS, under fal's own host names", () => {
	it('answers api.fal.ai and fal.ai through a forward proxy, and captures them', async () => {
		emulator.configure({ capture: true });
		forwardProxy.tunnels.length = 0;
		const viaTls = fetchThroughProxy(forwardProxy.url, testCertificates().ca);
		const page = await viaTls(`${MODELS}?limit=5&category=text-to-image`);
		expect(page.status).toBe(200);
		const { models: listed } = (await page.json()) as ModelsPage;
		expect(listed).toHaveLength(5);
		expect(listed.every((model) => model.metadata.category === 'text-to-image')).toBe(true);

		const document = (await (
			await viaTls(`${OPENAPI}?endpoint_id=fal-ai/nano-banana/edit`)
		).json()) as OpenApiDocument;
		const imageUrls = inputSchemaOf(document).properties!.image_urls;
		expect(imageUrls).toMatchObject({
			type: 'array',
			items: { type: 'string', _fal_ui_field: 'image' },
			title: 'Image URLs',
		});

		expect(forwardProxy.tunnels).toEqual(['api.fal.ai:443', 'fal.ai:443']);
		expect(emulator.captured.map(({ route, target }) => ({ route, target }))).toEqual([
			{ route: 'models', target: `${MODELS}?limit=5&category=text-to-image` },
			{ route: 'openapi', target: `${OPENAPI}?endpoint_id=fal-ai/nano-banana/edit` },
		]);
		emulator.configure({ capture: false });
	});
});
