/**
 * Node Options → Max Cost per Execution, in n8n's engine against the
 * emulator's prices: the estimate is made from every item before anything
 * is uploaded or submitted; over the ceiling, or unforeseeable, the
 * execution fails with the estimate and fal receives nothing.
 */
import type { INodeParameters } from 'n8n-workflow';
import { anyEndpointParameters } from '../helpers/anyEndpoint';
import { imageAndMaskItem, inpaintParameters, SOURCE_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

/** Nothing reached fal but the price lookup: no upload, no submission. */
function expectNothingSent(): void {
	const { requests } = emulator().stats;
	expect(requests.uploadInitiate + requests.multipartInitiate + requests.submit).toBe(0);
	expect(requests.pricing).toBe(1);
}

const flux = (values: Record<string, unknown>, nodeOptions: INodeParameters) =>
	anyEndpointParameters('fal-ai/flux/dev', values, nodeOptions);

test('over the ceiling: the execution fails with the estimate, before any upload or submission', async () => {
	// fast-sdxl inpainting: 0.0025 USD per image; 3 items of 2 images = 0.015 USD.
	const { error, items } = await run({
		parameters: { ...inpaintParameters({}, { num_images: 2 }), nodeOptions: { maxCostUsd: 0.01 } },
		items: [imageAndMaskItem(), imageAndMaskItem(), imageAndMaskItem()],
	});
	expect(items).toEqual([]);
	expect(error?.message).toBe(
		'Estimated cost $0.015 is over Max Cost per Execution ($0.01): nothing was sent to fal',
	);
	expect(error?.description).toContain(
		'fal-ai/fast-sdxl/inpainting: 3 items (2 images), 6 × $0.0025 per image = $0.015',
	);
	expectNothingSent();
});

test('under the ceiling the items run as usual', async () => {
	const { error, items } = await run({
		parameters: { ...inpaintParameters(), nodeOptions: { maxCostUsd: 0.01 } },
		items: [imageAndMaskItem(), imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect(emulator().stats.requests.pricing).toBe(1);
	expect(emulator().stats.submissions['fal-ai/fast-sdxl/inpainting']).toBe(2);
});

test('without a ceiling no price is read', async () => {
	await run({ parameters: inpaintParameters(), items: [imageAndMaskItem()] });
	expect(emulator().stats.requests.pricing).toBe(0);
});

test('per megapixel: image size × images, from the typed fields and the schema defaults', async () => {
	// flux/dev: 0.025 USD per megapixel. 1024×768 × 2 images = 1.572864 MP per item, two items.
	const values = { prompt: 'a lighthouse', image_size: 'landscape_4_3', num_images: 2 };
	const refused = await run({
		parameters: flux(values, { maxCostUsd: 0.05 }),
		items: [{ json: {} }, { json: {} }],
		typeVersion: 2,
	});
	expect(refused.error?.message).toBe(
		'Estimated cost $0.0786 is over Max Cost per Execution ($0.05): nothing was sent to fal',
	);
	expect(refused.error?.description).toContain(
		'fal-ai/flux/dev: 2 items (2 × 1024×768 = 1.57 MP), 3.1457 × $0.025 per megapixels = $0.0786',
	);
	expect(emulator().stats.requests.submit).toBe(0);

	// No size given: the schema's default (landscape_4_3 in fal's flux/dev schema) counts.
	emulator().reset();
	const byDefault = await run({
		parameters: flux({ prompt: 'a lighthouse', num_images: 1 }, { maxCostUsd: 0.02 }),
		typeVersion: 2,
	});
	expect(byDefault.error).toBeUndefined();
	expect(byDefault.items[0].json.images).toHaveLength(1);
});

test('what cannot be foreseen is refused by default, with the reason; When Cost Cannot Be Estimated: Run runs it', async () => {
	// JSON mode without image_size: the output size of a per-megapixel endpoint is unknown.
	const json = {
		resource: 'generation',
		model: 'other',
		endpoint: { __rl: true, mode: 'id', value: 'fal-ai/flux/dev' },
		inputMode: 'json',
		inputJson: '{ "prompt": "a fox" }',
	};
	const refused = await run({
		parameters: { ...json, nodeOptions: { maxCostUsd: 5 } },
		typeVersion: 2,
	});
	expect(refused.error?.message).toBe(
		'The cost of 1 item cannot be estimated before running, and Max Cost per Execution is set: nothing was sent to fal',
	);
	expect(refused.error?.description).toContain(
		'item 0: fal-ai/flux/dev is priced per megapixel, and the input sets no output size',
	);
	expect(refused.error?.description).toContain('When Cost Cannot Be Estimated to Run');
	expect(emulator().stats.requests.submit).toBe(0);

	const ran = await run({
		parameters: { ...json, nodeOptions: { maxCostUsd: 5, unknownCost: 'run' } },
		typeVersion: 2,
	});
	expect(ran.error).toBeUndefined();
	expect(emulator().stats.submissions['fal-ai/flux/dev']).toBe(1);
});

test('compute seconds cannot be foreseen', async () => {
	const parameters = anyEndpointParameters(
		'fal-ai/image-archive',
		{ image_urls: 'data' },
		{ maxCostUsd: 1 },
	);
	const { error } = await run({
		parameters,
		items: [{ binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'a.png' } } }],
		typeVersion: 2,
	});
	expect(error?.description).toContain(
		"is priced per compute seconds, which depends on how long fal's machines run",
	);
	expectNothingSent();
});

test('per second of video, from the duration field; per 1000 characters, from the text', async () => {
	// Kling: 0.05 USD per second; 10 s.
	const video = anyEndpointParameters(
		'fal-ai/kling-video/v2.1/standard/image-to-video',
		{ prompt: 'waves', image_url: 'data', duration: '10' },
		{ maxCostUsd: 0.4 },
	);
	const refused = await run({
		parameters: video,
		items: [{ binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'a.png' } } }],
		typeVersion: 2,
	});
	expect(refused.error?.message).toBe(
		'Estimated cost $0.50 is over Max Cost per Execution ($0.40): nothing was sent to fal',
	);
	expect(refused.error?.description).toContain('1 item (10 s), 10 × $0.05 per second = $0.50');
	expectNothingSent();

	// Kokoro: 0.02 USD per 1000 characters; 2 items of 500 characters = 0.02 USD.
	emulator().reset();
	const speech = anyEndpointParameters(
		'fal-ai/kokoro/american-english',
		{ prompt: 'a'.repeat(500) },
		{ maxCostUsd: 0.019 },
	);
	const tooMuch = await run({
		parameters: speech,
		items: [{ json: {} }, { json: {} }],
		typeVersion: 2,
	});
	expect(tooMuch.error?.message).toBe(
		'Estimated cost $0.02 is over Max Cost per Execution ($0.019): nothing was sent to fal',
	);
	expect(tooMuch.error?.description).toContain(
		'2 items (500 characters), 1 × $0.02 per 1000 characters = $0.02',
	);
});

test("fal's prices out of reach: the execution fails, nothing is sent", async () => {
	emulator().configure({
		faults: [{ route: 'pricing', kind: 'unavailable', status: 500, calls: [1] }],
	});
	const { error } = await run({
		parameters: { ...inpaintParameters(), nodeOptions: { maxCostUsd: 1, maxRetries: 0 } },
		items: [imageAndMaskItem()],
	});
	expect(error?.message).toMatch(/^Could not read fal's price for fal-ai\/fast-sdxl\/inpainting: /);
	expect(error?.description).toContain(
		'Max Cost per Execution is set, so the cost must be estimated before anything is sent: nothing was.',
	);
	expect(emulator().stats.requests.submit + emulator().stats.requests.uploadInitiate).toBe(0);
});

test('items that fail their checks are left out of the estimate; the ceiling is checked before the first upload', async () => {
	const { error, items } = await run({
		parameters: {
			...inpaintParameters({}, { num_images: '={{ $json.n }}' }),
			nodeOptions: { maxCostUsd: 0.006 },
		},
		items: [imageAndMaskItem({ n: 2 }), imageAndMaskItem({ n: 99 })],
		continueOnFail: true,
	});
	// Item 1 is invalid (num_images above the range) and becomes an error item; item 0 alone (0.005 USD) is under the ceiling.
	expect(error).toBeUndefined();
	expect(items.map((item) => Boolean(item.json.error))).toEqual([false, true]);
	expect(emulator().stats.submissions['fal-ai/fast-sdxl/inpainting']).toBe(1);
});
