/**
 * The fal.ai node in n8n's engine against the emulator: inputs from binary data
 * and URLs, the request fal receives, and the images that come back.
 */
import type { INodeParameters } from 'n8n-workflow';
import { oracleClient } from '../helpers/falClient';
import { EMULATOR_FAL_KEY, expectedFillColour } from '../emulator';
import { pixelAt, toBlob } from '../helpers/images';
import { useBinaryDataMode } from '../n8n/workflow';
import {
	bytesOf,
	imageAndMaskItem,
	inpaintParameters,
	MASK_PNG,
	RED,
	SOURCE_PNG,
	useEmulator,
} from './fixtures';

const { emulator, run } = useEmulator();

describe.each(['default', 'filesystem'] as const)('binary data in %s mode', (mode) => {
	beforeEach(async () => {
		await useBinaryDataMode(mode);
	});

	test('uploads the item’s image and mask, and returns the inpainted image as binary', async () => {
		const { items, error } = await run({
			parameters: inpaintParameters(),
			items: [imageAndMaskItem({ id: 7 })],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);

		// fal received exactly the item's bytes, under the user's file names.
		const [job] = emulator().jobs();
		const uploadedImage = emulator().file(job.input.image_url as string)!;
		const uploadedMask = emulator().file(job.input.mask_url as string)!;
		expect(uploadedImage.bytes.equals(SOURCE_PNG)).toBe(true);
		expect(uploadedMask.bytes.equals(MASK_PNG)).toBe(true);
		expect(uploadedImage.fileName).toBe('photo.png');
		expect(uploadedMask.fileName).toBe('mask.png');
		expect(emulator().stats.uploads).toBe(2);

		// The output binary is fal's image, byte for byte, and its pixels are
		// the inpainting of these inputs: the masked quarter repainted, the rest kept.
		const [item] = items;
		const falImage = item.json.images as Array<{ url: string; binaryProperty: string }>;
		const outputBytes = await bytesOf(item.binary!.image);
		expect(outputBytes.equals(emulator().file(falImage[0].url)!.bytes)).toBe(true);
		expect(pixelAt(outputBytes, 5, 5)).toEqual(expectedFillColour('a tiger on a bench', 42));
		expect(pixelAt(outputBytes, 50, 50)).toEqual(RED);
		expect(item.binary!.image).toMatchObject({
			mimeType: 'image/png',
			fileExtension: 'png',
			fileName: expect.stringMatching(/\.png$/),
		});
		if (mode === 'filesystem') expect(item.binary!.image.id).toMatch(/^filesystem/);

		expect(item.json).toMatchObject({
			requestId: job.requestId,
			endpoint: 'fal-ai/fast-sdxl/inpainting',
			seed: 42,
			prompt: 'a tiger on a bench',
		});
		expect(falImage[0].binaryProperty).toBe('image');
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});

test('sends only the required fields and the options the user added', async () => {
	await run({
		parameters: inpaintParameters(
			{},
			{
				num_inference_steps: 30,
				loras: { values: [{ path: 'https://example.com/style.safetensors', scale: 0.7 }] },
			},
		),
		items: [imageAndMaskItem()],
	});
	const { image_url: imageUrl, mask_url: maskUrl, ...rest } = emulator().jobs()[0].input;
	expect(imageUrl).toMatch(/^http/);
	expect(maskUrl).toMatch(/^http/);
	expect(rest).toEqual({
		prompt: 'a tiger on a bench',
		image_size: { width: 64, height: 64 },
		format: 'png',
		seed: 42,
		num_inference_steps: 30,
		loras: [{ path: 'https://example.com/style.safetensors', scale: 0.7 }],
	});
});

test('passes a URL input through without uploading it', async () => {
	const fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator().proxyUrl });
	const imageUrl = await fal.storage.upload(toBlob(SOURCE_PNG, 'image/png'));
	const uploadsBefore = emulator().stats.uploads;

	const { items, error } = await run({
		parameters: inpaintParameters({ image_url_input: 'url', image_url: imageUrl }),
		items: [{ binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' } } }],
	});
	expect(error).toBeUndefined();
	expect(emulator().jobs()[0].input.image_url).toBe(imageUrl);
	expect(emulator().stats.uploads - uploadsBefore).toBe(1); // the mask only
	expect(pixelAt(await bytesOf(items[0].binary!.image), 50, 50)).toEqual(RED);
});

test('decodes data-URI images (sync_mode) without downloading anything', async () => {
	const { items, error } = await run({
		parameters: inpaintParameters({}, { sync_mode: true }),
		items: [imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	expect(emulator().stats.requests.file).toBe(0);
	const image = (items[0].json.images as Array<{ url: string }>)[0];
	expect(image.url).not.toMatch(/base64/); // the bytes are in the binary field, not repeated in JSON
	const bytes = await bytesOf(items[0].binary!.image);
	expect(pixelAt(bytes, 5, 5)).toEqual(expectedFillColour('a tiger on a bench', 42));
	expect(items[0].binary!.image.mimeType).toBe('image/png');
});

test('names several images after the output prefix, in fal’s order', async () => {
	const { items } = await run({
		parameters: {
			...inpaintParameters({}, { num_images: 3 }),
			nodeOptions: { binaryPropertyPrefix: 'render' },
		},
		items: [imageAndMaskItem()],
	});
	const binary = items[0].binary!;
	expect(Object.keys(binary)).toEqual(['render', 'render_1', 'render_2']);
	for (const [index, name] of ['render', 'render_1', 'render_2'].entries()) {
		expect(pixelAt(await bytesOf(binary[name]), 5, 5)).toEqual(
			expectedFillColour('a tiger on a bench', 42, index),
		);
	}
});

test('with Download Images off returns fal’s URLs only', async () => {
	const { items } = await run({
		parameters: { ...inpaintParameters(), nodeOptions: { downloadImages: false } },
		items: [imageAndMaskItem()],
	});
	expect(items[0].binary).toBeUndefined();
	expect((items[0].json.images as Array<{ url: string }>)[0].url).toMatch(
		/^http:\/\/127\.0\.0\.1:\d+\/files\//,
	);
	expect(emulator().stats.requests.file).toBe(0);
});

test('runs every item, in order, each paired with its input', async () => {
	const prompts = ['a red fox', 'a blue whale', 'a green frog'];
	const parameters: INodeParameters = inpaintParameters({ prompt: '={{ $json.prompt }}' });
	const { items } = await run({
		parameters,
		items: prompts.map((prompt) => imageAndMaskItem({ prompt })),
	});
	expect(items.map((item) => item.json.prompt)).toEqual(prompts);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	for (const [index, item] of items.entries()) {
		expect(pixelAt(await bytesOf(item.binary!.image), 5, 5)).toEqual(
			expectedFillColour(prompts[index], 42),
		);
	}
});

test('Playground v2.5 image-to-image takes one image and no mask', async () => {
	const { items, error } = await run({
		parameters: {
			model: 'playground-v25',
			operation: 'imageToImage',
			prompt: 'a lighthouse',
			options: {
				image_size: 'custom',
				image_size_width: 32,
				image_size_height: 32,
				format: 'png',
				seed: 1,
				strength: 1,
			},
		},
		items: [
			{ binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'photo.png' } } },
		],
	});
	expect(error).toBeUndefined();
	const [job] = emulator().jobs();
	expect(job.endpointId).toBe('fal-ai/playground-v25/image-to-image');
	expect(job.input).not.toHaveProperty('mask_url');
	// strength 1: every pixel moves fully to the prompt's colour.
	expect(pixelAt(await bytesOf(items[0].binary!.image), 20, 20)).toEqual(
		expectedFillColour('a lighthouse', 1),
	);
});
