/**
 * Any fal Endpoint on fal's own documents (test/fixtures/fal-openapi/), in
 * n8n's engine against the emulator, set up as a user would: the Fields the
 * editor loads and pre-fills, only the required ones filled in. n8n checks
 * the workflow's parameters before any node runs (WorkflowHasIssuesError);
 * then what reaches fal is the user's values and fal's plain defaults, never
 * an object or list default the user did not set.
 */
import type { ResourceMapperField } from 'n8n-workflow';
import { decodeImage, expectedFillColour } from '../emulator';
import { editorParameters } from '../helpers/anyEndpoint';
import { resourceMapperFields } from '../n8n/editor';
import { falNodeType } from '../n8n/falNode';
import { bytesOf, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const credentials = () => ({
	apiKey: 'emulator-key-id:emulator-key-secret',
	proxyUrl: emulator().proxyUrl,
});

async function fieldsOf(endpointId: string): Promise<ResourceMapperField[]> {
	const parameters = {
		resource: 'generation',
		model: 'other',
		endpoint: { __rl: true, mode: 'list', value: endpointId },
	};
	return (
		await resourceMapperFields(falNodeType, 'getEndpointFields', {
			parameters,
			credentials: credentials(),
			path: 'inputFields',
		})
	).fields;
}

/** Runs the endpoint with the Fields as the editor saves them, `set` on top; returns the input fal received. */
async function runWith(endpointId: string, set: Record<string, unknown>) {
	const result = await run({
		typeVersion: 2,
		parameters: editorParameters(endpointId, await fieldsOf(endpointId), set),
	});
	expect(result.error).toBeUndefined();
	const jobs = emulator().jobs();
	expect(jobs).toHaveLength(1);
	return { ...result, input: jobs[0].input };
}

describe('the five endpoints of issue 27 run with only their required fields set', () => {
	test("Seedream 4.0: image_size starts on Custom (fal's 2048 × 2048), so nothing is sent for it", async () => {
		const { input, items } = await runWith('fal-ai/bytedance/seedream/v4/text-to-image', {
			prompt: 'a lighthouse at dusk',
		});
		expect(input).toEqual({
			prompt: 'a lighthouse at dusk',
			num_images: 1,
			max_images: 1,
			sync_mode: false,
			enable_safety_checker: true,
		});
		// fal's default size applies: the emulator draws 2048 × 2048 at a megapixel.
		expect(decodeImage(await bytesOf(items[0].binary!.image))).toMatchObject({
			width: 1024,
			height: 1024,
		});
	});

	test('FLUX1.1 [pro] ultra: the aspect ratio fal defaults to is pre-filled and sent as text', async () => {
		const { input } = await runWith('fal-ai/flux-pro/v1.1-ultra', { prompt: 'a lighthouse' });
		expect(input).toMatchObject({
			prompt: 'a lighthouse',
			aspect_ratio: '16:9',
			output_format: 'jpeg',
			safety_tolerance: '2',
		});
		expect(Object.values(input).every((value) => typeof value !== 'object')).toBe(true);
	});

	test.each(['fal-ai/flux-lora', 'fal-ai/stable-diffusion-v35-large'])(
		"%s: no loras sent (fal's default list applies)",
		async (endpointId) => {
			const { input } = await runWith(endpointId, { prompt: 'a lighthouse' });
			expect(input).not.toHaveProperty('loras');
			expect(Object.values(input).every((value) => typeof value !== 'object')).toBe(true);
		},
	);

	test('Recraft V3: no colors sent, the style fal defaults to is', async () => {
		const { input } = await runWith('fal-ai/recraft-v3', { prompt: 'a lighthouse' });
		expect(input).toEqual({
			prompt: 'a lighthouse',
			image_size: 'square_hd',
			style: 'realistic_image',
			enable_safety_checker: false,
		});
	});
});

describe('presets, custom sizes, free ratios and lists reach fal exactly as set', () => {
	test('a preset size', async () => {
		const { input } = await runWith('fal-ai/bytedance/seedream/v4/text-to-image', {
			prompt: 'p',
			image_size: 'auto_2K',
		});
		expect(input.image_size).toBe('auto_2K');
	});

	test('a custom size, its parts added', async () => {
		const { input, items } = await runWith('fal-ai/bytedance/seedream/v4/text-to-image', {
			prompt: 'p',
			image_size: 'custom',
			image_size_width: 1536,
			image_size_height: 1024,
			seed: 3,
		});
		expect(input.image_size).toEqual({ width: 1536, height: 1024 });
		const bytes = await bytesOf(items[0].binary!.image);
		expect(decodeImage(bytes)).toMatchObject({ width: 1254, height: 836 });
		expect(items[0].json.seed).toBe(3);
		// A JPEG: its colour within a few levels of the one painted.
		const painted = expectedFillColour('p', 3, 0);
		expect(
			[...decodeImage(bytes).data.subarray(0, 3)].every(
				(level, channel) => Math.abs(level - painted[channel]) <= 3,
			),
		).toBe(true);
	});

	test("a preset ratio and a ratio of the user's own", async () => {
		expect(
			(await runWith('fal-ai/flux-pro/v1.1-ultra', { prompt: 'p', aspect_ratio: '21:9' })).input
				.aspect_ratio,
		).toBe('21:9');
		emulator().reset();
		expect(
			(await runWith('fal-ai/flux-pro/v1.1-ultra', { prompt: 'p', aspect_ratio: '5:4' })).input
				.aspect_ratio,
		).toBe('5:4');
	});

	test('LoRAs and colours the user sets', async () => {
		const loras = [{ path: 'https://example.com/style.safetensors', scale: 0.8 }];
		expect(
			(await runWith('fal-ai/flux-lora', { prompt: 'p', loras: JSON.stringify(loras) })).input
				.loras,
		).toEqual(loras);
		emulator().reset();
		const colors = [{ r: 10, g: 20, b: 30 }];
		expect((await runWith('fal-ai/recraft-v3', { prompt: 'p', colors })).input.colors).toEqual(
			colors,
		);
	});
});
