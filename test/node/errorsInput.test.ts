/**
 * Bad input stops before any fal request is paid for: nothing is uploaded or
 * submitted, the message names the field and the item, and continueOnFail
 * turns the bad item into an error item while the others run.
 */
import type { INodeParameters } from 'n8n-workflow';
import type { TestItem } from '../n8n/workflow';
import { imageAndMaskItem, inpaintParameters, MASK_PNG, SOURCE_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

function expectNothingSent() {
	expect(emulator().stats.submissions).toEqual({});
	expect(emulator().stats.uploads).toBe(0);
	expect(emulator().stats.requests).toMatchObject({
		submit: 0,
		uploadInitiate: 0,
		multipartInitiate: 0,
	});
}

describe('bad input fails before anything is uploaded or submitted', () => {
	const imageOnly: TestItem = {
		binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'photo.png' } },
	};
	const textAsMask: TestItem = {
		binary: {
			data: { bytes: SOURCE_PNG, mimeType: 'image/png' },
			mask: {
				bytes: Buffer.from('not an image at all'),
				mimeType: 'text/plain',
				fileName: 'notes.txt',
			},
		},
	};
	const cases: Array<[string, INodeParameters, TestItem, RegExp]> = [
		[
			'a missing binary field',
			inpaintParameters(),
			imageOnly,
			/Invalid Mask Input Binary Field in item 0: the item has no binary field "mask" \(it has: data\)/,
		],
		[
			'a binary that is not an image',
			inpaintParameters(),
			textAsMask,
			/Invalid Mask Input Binary Field in item 0: binary field "mask" is not an image: its bytes are not PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF or HEIC \(file "notes.txt", text\/plain\)/,
		],
		[
			'an empty prompt',
			inpaintParameters({ prompt: '  ' }),
			imageAndMaskItem(),
			/Invalid Prompt \(prompt\) in item 0: is required and must not be empty/,
		],
		[
			'a malformed URL',
			inpaintParameters({ image_url_input: 'url', image_url: 'htp:/nowhere' }),
			imageAndMaskItem(),
			/Invalid Image URL \(image_url\) in item 0: must be an http\(s\) URL or a data URI/,
		],
		[
			'a URL that is not one',
			inpaintParameters({ mask_url_input: 'url', mask_url: 'mask.png' }),
			imageAndMaskItem(),
			/Invalid Mask URL \(mask_url\) in item 0: is not a valid URL/,
		],
		[
			'a number above its range',
			inpaintParameters({}, { num_images: 12 }),
			imageAndMaskItem(),
			/Invalid Number of Images \(num_images\) in item 0: must be at most 8, got 12/,
		],
		[
			'a fraction where a whole number goes',
			inpaintParameters({}, { num_inference_steps: 2.5 }),
			imageAndMaskItem(),
			/Number of Inference Steps \(num_inference_steps\) in item 0: must be a whole number/,
		],
		[
			'a value outside the enum',
			inpaintParameters({}, { format: 'gif' }),
			imageAndMaskItem(),
			/Format \(format\) in item 0: must be one of jpeg, png/,
		],
		[
			'a LoRA without a path',
			inpaintParameters({}, { loras: { values: [{ scale: 1 }] } }),
			imageAndMaskItem(),
			/LoRAs \(loras\) entry 1.*Path is required/,
		],
		[
			'a custom width of 0',
			inpaintParameters({}, { image_size_width: 0 }),
			imageAndMaskItem(),
			/Invalid Image Size Width \(image_size_width\) in item 0: must be at least 1, got 0/,
		],
		[
			'a negative LoRA scale',
			inpaintParameters({}, { loras: { values: [{ path: 'a/b', scale: -1 }] } }),
			imageAndMaskItem(),
			/Invalid LoRAs \(loras\) entry 1, Scale in item 0: must be at least 0, got -1/,
		],
	];
	test.each(cases)('%s', async (_name, parameters, item, message) => {
		const { error, items } = await run({ parameters, items: [item] });
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expectNothingSent();
	});

	test('a text file named fake.png, typed image/png, is refused by its bytes before anything is uploaded', async () => {
		// What Read Files from Disk makes of any file named *.png: the MIME type comes from the name.
		const fake: TestItem = {
			binary: {
				data: {
					bytes: Buffer.from('these are words, not pixels'),
					mimeType: 'image/png',
					fileName: 'fake.png',
				},
				mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
			},
		};
		const { error } = await run({
			parameters: inpaintParameters(),
			items: [imageAndMaskItem(), fake, imageAndMaskItem()],
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Invalid Image Input Binary Field in item 1: binary field "data" is not an image: its bytes are not PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF or HEIC (file "fake.png", image/png)',
		);
		expectNothingSent();
	});

	test.each([
		['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])],
		['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
		['BMP', Buffer.concat([Buffer.from('BM'), Buffer.alloc(14)])],
		['TIFF', Buffer.concat([Buffer.from('II*\0', 'latin1'), Buffer.alloc(12)])],
		[
			'AVIF',
			Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypavif'), Buffer.alloc(4)]),
		],
		[
			'HEIC',
			Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(4)]),
		],
	])('a %s image passes the check, whatever its MIME type says', async (_format, head) => {
		const item: TestItem = {
			binary: {
				data: {
					bytes: Buffer.concat([head, Buffer.alloc(64)]),
					mimeType: 'application/octet-stream',
					fileName: 'photo.bin',
				},
				mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
			},
		};
		// Submitted without waiting: the check passed and fal got the request (the emulator's model reads PNG and JPEG only).
		const { error, items } = await run({
			parameters: inpaintParameters({ waitForCompletion: false }),
			items: [item],
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('IN_QUEUE');
		expect(emulator().stats.uploads).toBe(2);
	});

	test('one bad item stops the run before any item is submitted', async () => {
		const { error } = await run({
			parameters: inpaintParameters({ prompt: '={{ $json.prompt }}' }),
			items: [
				imageAndMaskItem({ prompt: 'fine' }),
				imageAndMaskItem({ prompt: 'fine too' }),
				imageAndMaskItem({ prompt: '' }),
			],
		});
		expect(error?.message).toMatch(/Invalid Prompt \(prompt\) in item 2/);
		expectNothingSent();
	});

	test('with continueOnFail the bad item becomes an error item and the others run', async () => {
		const { items, error } = await run({
			parameters: inpaintParameters({ prompt: '={{ $json.prompt }}' }),
			items: [imageAndMaskItem({ prompt: 'fine' }), imageAndMaskItem({ prompt: '' })],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].binary?.image).toBeDefined();
		expect(items[1].json).toEqual({
			error: { message: expect.stringMatching(/Invalid Prompt \(prompt\) in item 1/) },
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(emulator().stats.submissions).toEqual({ 'fal-ai/fast-sdxl/inpainting': 1 });
	});
});
