/**
 * What a user sees when something is wrong: bad input stops before any fal
 * request is paid for; fal's own errors arrive with fal's detail and the
 * request id; continueOnFail turns them into error items.
 */
import type { INodeParameters } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, EMULATOR_LOCKED_FAL_KEY } from '../emulator';
import type { TestItem } from '../n8n/workflow';
import {
	bytesOf,
	imageAndMaskItem,
	inpaintParameters,
	MASK_PNG,
	SOURCE_PNG,
	useEmulator,
} from './fixtures';

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

describe('fal’s errors', () => {
	// The emulator serves files at /files/...; this one does not exist, so fal
	// accepts the request and fails it with a 422 on the image.
	const missingImage = () => `${emulator().url}/files/missing/nothing.png`;

	test('a 422 lists each field error and the request id', async () => {
		const { error } = await run({
			parameters: inpaintParameters({ image_url_input: 'url', image_url: missingImage() }),
			items: [imageAndMaskItem()],
		});
		const [job] = emulator().jobs();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/^fal rejected the input for fal-ai\/fast-sdxl\/inpainting: Image URL \(image_url\): .+ \[file_download_error\]/,
		);
		expect(error?.description).toContain(`fal request ID: ${job.requestId}`);
		expect((error as { httpCode?: string }).httpCode).toBe('422');
	});

	test('with continueOnFail a 422 becomes an error item carrying fal’s detail and the request id', async () => {
		const { items, error } = await run({
			parameters: inpaintParameters({ image_url_input: 'url', image_url: '={{ $json.url }}' }),
			items: [
				{
					json: { url: missingImage() },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
				{
					json: { url: 'data:image/png;base64,' + SOURCE_PNG.toString('base64') },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
			],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const [failedJob, goodJob] = emulator().jobs();
		expect(Object.keys(items[0].json)).toEqual(['error']);
		expect(items[0].json.error).toMatchObject({
			requestId: failedJob.requestId,
			endpoint: 'fal-ai/fast-sdxl/inpainting',
		});
		expect(items[0].json.error).toMatchObject({
			message: expect.stringMatching(/Image URL \(image_url\): .+\[file_download_error\]/),
		});
		expect(items[0].json.error).toMatchObject({
			description: expect.stringContaining(failedJob.requestId),
		});
		expect(items[1].json.requestId).toBe(goodJob.requestId);
		expect((await bytesOf(items[1].binary!.image)).length).toBeGreaterThan(0);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('with On Error → Continue (using error output) the failed item takes the error branch, the others the main one', async () => {
		const { items, errorOutput, error } = await run({
			parameters: inpaintParameters({ image_url_input: 'url', image_url: '={{ $json.url }}' }),
			items: [
				{
					json: { url: 'data:image/png;base64,' + SOURCE_PNG.toString('base64') },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
				{
					json: { url: missingImage() },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
			],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		const [goodJob, failedJob] = emulator().jobs();
		expect(items.map((item) => item.json.requestId)).toEqual([goodJob.requestId]);
		expect(items[0].binary?.image).toBeDefined();
		expect(errorOutput).toHaveLength(1);
		// The input item's fields, plus what went wrong.
		expect(errorOutput[0].json).toMatchObject({
			url: missingImage(),
			error: { requestId: failedJob.requestId },
		});
		expect(errorOutput[0].json.error).toMatchObject({
			message: expect.stringMatching(/Image URL \(image_url\): .+\[file_download_error\]/),
		});
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test('a failed job (5xx at the result) reaches the user with fal’s detail and the request id', async () => {
		emulator().configure({ faults: [{ route: 'submit', kind: 'fail-job', calls: [1] }] });
		const { error } = await run({ parameters: inpaintParameters(), items: [imageAndMaskItem()] });
		const [job] = emulator().jobs();
		expect(error?.message).toMatch(
			/^fal returned 500 for fal-ai\/fast-sdxl\/inpainting: The runner stopped before the request finished\./,
		);
		expect(error?.description).toBe(`fal request ID: ${job.requestId}`);
	});

	test('an unknown key: a message about the key, and the key itself nowhere', async () => {
		const { error } = await run({
			credentials: { apiKey: 'wrong-key-id:wrong-key-secret', proxyUrl: emulator().proxyUrl },
			parameters: inpaintParameters(),
			items: [imageAndMaskItem()],
		});
		expect(error?.message).toBe('fal rejected the API key (401)');
		expect(error?.description).toMatch(/Check the API key in the fal.ai credential/);
		expect(
			JSON.stringify({ message: error?.message, description: error?.description }),
		).not.toContain('wrong-key');
		expect(emulator().stats.submissions).toEqual({});
	});

	test('a locked account: a message about access or balance', async () => {
		const { error } = await run({
			credentials: { apiKey: EMULATOR_LOCKED_FAL_KEY, proxyUrl: emulator().proxyUrl },
			parameters: inpaintParameters({
				image_url_input: 'url',
				image_url: 'https://example.com/a.png',
				mask_url_input: 'url',
				mask_url: 'https://example.com/m.png',
			}),
		});
		expect(error?.message).toMatch(
			/^fal refused the request \(403\): the key lacks access or the account has no balance left/,
		);
		expect(JSON.stringify(error)).not.toContain(EMULATOR_LOCKED_FAL_KEY);
		expect(JSON.stringify(error)).not.toContain(EMULATOR_FAL_KEY);
	});
});
