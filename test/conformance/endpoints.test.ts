/**
 * The endpoints beyond the node's seed models, run with the real client
 * through the emulator as a fal proxy: text-to-image, image editing,
 * image-to-video, text-to-speech and a zip archive, each output checked byte
 * for byte against what its inputs must make; and the 422s that validation
 * against each endpoint's OpenAPI document gives.
 */
import {
	decodeImage,
	editedImage,
	EMULATOR_FAL_KEY,
	encodeImage,
	expectedFillColour,
	type FalEmulator,
	KOKORO_VOICE_FREQUENCIES,
	speechSeconds,
	startFalEmulator,
} from '../emulator';
import { makeMp4, makeWav } from '../emulator/media';
import { ApiError, type FalClient, oracleClient, ValidationError } from '../helpers/falClient';
import { makeImage, makePng, pixelAt, toBlob } from '../helpers/images';

// Typed as string: the client's endpoint map would otherwise type the inputs.
const FLUX: string = 'fal-ai/flux/dev';
const EDIT: string = 'fal-ai/nano-banana/edit';
const VIDEO: string = 'fal-ai/kling-video/v2.1/standard/image-to-video';
const SPEECH: string = 'fal-ai/kokoro/american-english';
const ARCHIVE: string = 'fal-ai/image-archive';

interface OutputFile {
	url: string;
	content_type: string;
	file_name: string;
	file_size: number;
	width?: number;
	height?: number;
}

let emulator: FalEmulator;
let fal: FalClient;

beforeAll(async () => {
	emulator = await startFalEmulator({ queueTimeMs: 10, inferenceTimeMs: 20 });
	fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
});

afterAll(() => emulator.stop());

async function run(
	endpointId: string,
	input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
	const { data } = await fal.subscribe(endpointId, { input, pollInterval: 20 });
	return data as Record<string, unknown>;
}

async function bytesAt(url: string): Promise<Buffer> {
	if (url.startsWith('data:')) return Buffer.from(url.split(',')[1], 'base64');
	const answer = await fetch(url);
	expect(answer.status).toBe(200);
	return Buffer.from(await answer.arrayBuffer());
}

async function upload(bytes: Buffer, type: string): Promise<string> {
	return await fal.storage.upload(toBlob(bytes, type));
}

/** A stored (uncompressed) zip's entries, read through its central directory. */
function unzip(zip: Buffer): Array<{ name: string; bytes: Buffer }> {
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	let at = zip.readUInt32LE(end + 16);
	return Array.from({ length: zip.readUInt16LE(end + 10) }, () => {
		expect(zip.readUInt32LE(at)).toBe(0x02014b50);
		expect(zip.readUInt16LE(at + 10)).toBe(0); // stored
		const size = zip.readUInt32LE(at + 20);
		const nameLength = zip.readUInt16LE(at + 28);
		const local = zip.readUInt32LE(at + 42);
		const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
		const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
		at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
		return { name, bytes: zip.subarray(start, start + size) };
	});
}

describe('fal-ai/flux/dev', () => {
	it('paints each image of a preset size in the colour of its prompt, seed and index', async () => {
		const data = await run(FLUX, {
			prompt: 'a red fox',
			seed: 7,
			image_size: 'square',
			output_format: 'png',
			num_images: 2,
		});
		expect(Object.keys(data).sort()).toEqual([
			'has_nsfw_concepts',
			'images',
			'prompt',
			'seed',
			'timings',
		]);
		expect(data).toMatchObject({ seed: 7, prompt: 'a red fox', has_nsfw_concepts: [false, false] });
		for (const [index, image] of (data.images as OutputFile[]).entries()) {
			expect(image).toMatchObject({
				width: 512,
				height: 512,
				content_type: 'image/png',
				file_name: `${index}.png`,
			});
			const bytes = await bytesAt(image.url);
			expect(image.file_size).toBe(bytes.length);
			expect(pixelAt(bytes, 300, 100)).toEqual(expectedFillColour('a red fox', 7, index));
		}
	});

	it('takes a custom size, answers data URIs in sync mode, and makes JPEG at 1024×768 by default', async () => {
		const custom = await run(FLUX, {
			prompt: 'dunes',
			seed: 3,
			image_size: { width: 96, height: 40 },
			output_format: 'png',
			sync_mode: true,
		});
		const [image] = custom.images as OutputFile[];
		expect(image).toMatchObject({ width: 96, height: 40 });
		expect(image.url).toMatch(/^data:image\/png;base64,/);
		expect(decodeImage(await bytesAt(image.url))).toMatchObject({ width: 96, height: 40 });
		expect(pixelAt(await bytesAt(image.url), 95, 39)).toEqual(expectedFillColour('dunes', 3, 0));

		const defaults = await run(FLUX, { prompt: 'dunes' });
		const [jpeg] = defaults.images as OutputFile[];
		expect(jpeg).toMatchObject({ width: 1024, height: 768, content_type: 'image/jpeg' });
		const colour = expectedFillColour('dunes', defaults.seed as number, 0);
		pixelAt(await bytesAt(jpeg.url), 10, 10).forEach((channel, index) =>
			expect(Math.abs(channel - colour[index])).toBeLessThanOrEqual(3),
		);
	});
});

describe('fal-ai/nano-banana/edit', () => {
	const red = makeImage(40, 30, [200, 30, 30], {
		x: 5,
		y: 5,
		width: 10,
		height: 10,
		colour: [255, 255, 0],
	});
	const blue = makeImage(20, 60, [20, 40, 220], {
		x: 0,
		y: 30,
		width: 20,
		height: 30,
		colour: [0, 200, 0],
	});

	it('puts the uploaded images side by side, scaled to the height of the first', async () => {
		const jpeg = encodeImage(blue, 'jpeg');
		const urls = [
			await upload(encodeImage(red, 'png'), 'image/png'),
			await upload(jpeg, 'image/jpeg'),
		];
		const data = await run(EDIT, { prompt: 'side by side', image_urls: urls, num_images: 2 });
		expect(Object.keys(data).sort()).toEqual(['description', 'images']);
		expect(typeof data.description).toBe('string');
		const expected = editedImage([red, decodeImage(jpeg)]);
		expect(expected).toMatchObject({ width: 50, height: 30 });
		for (const image of data.images as OutputFile[]) {
			expect(image).toMatchObject({ width: 50, height: 30, content_type: 'image/png' });
			const actual = decodeImage(await bytesAt(image.url));
			expect([actual.width, actual.height]).toEqual([50, 30]);
			expect(actual.data.equals(expected.data)).toBe(true);
		}
	});

	it('answers a real lossless WebP for output_format webp', async () => {
		const data = await run(EDIT, {
			prompt: 'p',
			image_urls: [`data:image/png;base64,${encodeImage(red, 'png').toString('base64')}`],
			output_format: 'webp',
		});
		const [image] = data.images as OutputFile[];
		expect(image).toMatchObject({
			content_type: 'image/webp',
			file_name: '0.webp',
			width: 40,
			height: 30,
		});
		const bytes = await bytesAt(image.url);
		expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
		expect(bytes.toString('latin1', 8, 16)).toBe('WEBPVP8L');
		const size = bytes.readUInt32LE(21);
		expect([(size & 0x3fff) + 1, ((size >>> 14) & 0x3fff) + 1]).toEqual([40, 30]);
	});
});

describe('fal-ai/kling-video/v2.1/standard/image-to-video', () => {
	it('answers a real MP4 on its CDN, or the videoOutput setting instead', async () => {
		const imageUrl = await upload(makePng(64, 64, [10, 20, 30]), 'image/png');
		const data = await run(VIDEO, { prompt: 'the camera pans', image_url: imageUrl });
		const video = data.video as OutputFile;
		expect(video).toMatchObject({
			content_type: 'video/mp4',
			file_name: 'output.mp4',
			file_size: makeMp4().length,
		});
		expect((await bytesAt(video.url)).equals(makeMp4())).toBe(true);

		const big = Buffer.alloc(3 * 1024 * 1024, 7);
		emulator.configure({ videoOutput: big });
		try {
			const other = (await run(VIDEO, { prompt: 'again', image_url: imageUrl, duration: '10' }))
				.video as OutputFile;
			expect(other.file_size).toBe(big.length);
			expect((await bytesAt(other.url)).equals(big)).toBe(true);
		} finally {
			emulator.configure({ videoOutput: undefined });
		}
	});

	it('answers 422 image_load_error when image_url is not an image', async () => {
		const text = await upload(Buffer.from('not an image'), 'text/plain');
		await expect(run(VIDEO, { prompt: 'p', image_url: text })).rejects.toMatchObject({
			status: 422,
			body: {
				detail: [expect.objectContaining({ loc: ['body', 'image_url'], type: 'image_load_error' })],
			},
		});
	});
});

describe('fal-ai/kokoro/american-english', () => {
	it("answers a WAV at the voice's pitch, as long as the prompt takes to read", async () => {
		const prompt = 'Hello from the fal emulator.';
		const data = await run(SPEECH, { prompt, voice: 'am_adam' });
		const audio = data.audio as OutputFile;
		expect(audio).toMatchObject({ content_type: 'audio/wav', file_name: 'speech.wav' });
		const wav = await bytesAt(audio.url);
		expect(wav.toString('latin1', 0, 4) + wav.toString('latin1', 8, 12)).toBe('RIFFWAVE');
		expect(
			wav.equals(
				makeWav({ seconds: speechSeconds(prompt), frequency: KOKORO_VOICE_FREQUENCIES.am_adam }),
			),
		).toBe(true);
		expect(audio.file_size).toBe(wav.length);
	});

	it('keeps the queue behaviour: logs, and fault rules by endpoint', async () => {
		const { request_id: requestId } = await fal.queue.submit(SPEECH, { input: { prompt: 'hi' } });
		const done = await fal.queue.subscribeToStatus(SPEECH, {
			requestId,
			logs: true,
			pollInterval: 20,
		});
		expect(done.logs.map((entry) => entry.message)).toEqual([
			`Loading ${SPEECH}`,
			'Running inference',
			'Done',
		]);

		emulator.configure({
			faults: [
				{
					route: 'submit',
					kind: 'fail-job',
					rate: 1,
					endpointId: SPEECH,
					errorType: 'runner_disconnected',
				},
			],
		});
		try {
			const error = await run(SPEECH, { prompt: 'hi' }).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(ApiError);
			expect(error).toMatchObject({ status: 500, body: { error_type: 'runner_disconnected' } });
		} finally {
			emulator.configure({ faults: [] });
		}
	});
});

describe('fal-ai/image-archive', () => {
	it('zips the input images, byte for byte, with the cover, under the archive name', async () => {
		const png = makePng(12, 8, [1, 2, 3]);
		const jpeg = encodeImage(makeImage(8, 8, [90, 90, 90]), 'jpeg');
		const cover = makePng(4, 4, [250, 0, 0]);
		const image_urls = [await upload(png, 'image/png'), await upload(jpeg, 'image/jpeg')];
		const data = await run(ARCHIVE, {
			image_urls,
			archive_name: 'holiday photos.zip',
			cover_image: `data:image/png;base64,${cover.toString('base64')}`,
		});
		const file = data.file as OutputFile;
		expect(file).toMatchObject({
			content_type: 'application/zip',
			file_name: 'holiday photos.zip',
		});
		const zip = await bytesAt(file.url);
		expect(file.file_size).toBe(zip.length);
		expect(unzip(zip)).toEqual([
			{ name: 'image-1.png', bytes: png },
			{ name: 'image-2.jpg', bytes: jpeg },
			{ name: 'cover.png', bytes: cover },
		]);

		// The old-style File input also takes a {url} object; the name has its default.
		const again = (
			await run(ARCHIVE, {
				image_urls: image_urls.slice(0, 1),
				cover_image: { url: image_urls[1] },
			})
		).file as OutputFile;
		expect(again.file_name).toBe('images.zip');
		expect(unzip(await bytesAt(again.url)).map((entry) => entry.name)).toEqual([
			'image-1.png',
			'cover.jpg',
		]);
	});
});

describe('validation from the OpenAPI documents', () => {
	const presets =
		"'square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3' or 'landscape_16_9'";
	it.each<[string, string, Record<string, unknown>, unknown[]]>([
		['required', FLUX, {}, [{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' }]],
		[
			'enums, types and ranges, in field order',
			FLUX,
			{
				output_format: 'gif',
				num_images: 9,
				guidance_scale: 'high',
				image_size: 'huge',
				seed: null,
				prompt: 'x',
			},
			[
				{ loc: ['body', 'image_size'], msg: `Input should be ${presets}`, type: 'enum' },
				{
					loc: ['body', 'guidance_scale'],
					msg: 'Input should be a valid number',
					type: 'float_type',
				},
				{
					loc: ['body', 'num_images'],
					msg: 'Input should be less than or equal to 4',
					type: 'less_than_equal',
				},
				{
					loc: ['body', 'output_format'],
					msg: "Input should be 'jpeg' or 'png'",
					type: 'literal_error',
				},
			],
		],
		[
			'a custom size (exclusive minimum)',
			FLUX,
			{ prompt: 'x', image_size: { width: 0, height: 10.5 } },
			[
				{
					loc: ['body', 'image_size', 'width'],
					msg: 'Input should be greater than 0',
					type: 'greater_than',
				},
				{
					loc: ['body', 'image_size', 'height'],
					msg: 'Input should be a valid integer, got a number with a fractional part',
					type: 'int_from_float',
				},
			],
		],
		[
			'array items',
			EDIT,
			{ prompt: 'x', image_urls: ['data:image/png;base64,AA', 3], num_images: 0 },
			[
				{
					loc: ['body', 'image_urls', 1],
					msg: 'Input should be a valid string',
					type: 'string_type',
				},
				{
					loc: ['body', 'num_images'],
					msg: 'Input should be greater than or equal to 1',
					type: 'greater_than_equal',
				},
			],
		],
		[
			'a list',
			EDIT,
			{ image_urls: 'x' },
			[
				{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
				{ loc: ['body', 'image_urls'], msg: 'Input should be a valid list', type: 'list_type' },
			],
		],
		[
			'lengths and string enums',
			VIDEO,
			{ prompt: 'a'.repeat(2501), duration: '7', cfg_scale: 2 },
			[
				{
					loc: ['body', 'prompt'],
					msg: 'String should have at most 2500 characters',
					type: 'string_too_long',
				},
				{ loc: ['body', 'image_url'], msg: 'Field required', type: 'missing' },
				{ loc: ['body', 'duration'], msg: "Input should be '5' or '10'", type: 'literal_error' },
				{
					loc: ['body', 'cfg_scale'],
					msg: 'Input should be less than or equal to 1',
					type: 'less_than_equal',
				},
			],
		],
		[
			'a voice and a minimum',
			SPEECH,
			{ prompt: 'hi', voice: 'zz', speed: 0 },
			[
				expect.objectContaining({
					loc: ['body', 'voice'],
					msg: expect.stringMatching(/^Input should be 'af_heart', .* or 'am_puck'$/),
					type: 'literal_error',
				}),
				{
					loc: ['body', 'speed'],
					msg: 'Input should be greater than or equal to 0.1',
					type: 'greater_than_equal',
				},
			],
		],
		[
			'an old-style File object',
			ARCHIVE,
			{ cover_image: 42 },
			[
				{ loc: ['body', 'image_urls'], msg: 'Field required', type: 'missing' },
				{
					loc: ['body', 'cover_image'],
					msg: 'Input should be a valid dictionary or object to extract fields from',
					type: 'model_attributes_type',
				},
			],
		],
		[
			"a File object's fields",
			ARCHIVE,
			{ image_urls: [], cover_image: {} },
			[{ loc: ['body', 'cover_image', 'url'], msg: 'Field required', type: 'missing' }],
		],
	])('answers 422 for %s', async (_case, endpointId, input, detail) => {
		const error = await run(endpointId, input).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toEqual(detail);
	});

	it('answers 422 per list item that does not load or is not an image', async () => {
		const good = await upload(makePng(8, 8, [0, 0, 0]), 'image/png');
		const text = await upload(Buffer.from('hello'), 'text/plain');
		const error = (await run(EDIT, {
			prompt: 'p',
			image_urls: [good, text, 'https://example.com/missing.png'],
		}).catch((caught: unknown) => caught)) as ValidationError;
		expect(error.fieldErrors).toEqual([
			expect.objectContaining({ loc: ['body', 'image_urls', 1], type: 'image_load_error' }),
			expect.objectContaining({ loc: ['body', 'image_urls', 2], type: 'file_download_error' }),
		]);
	});
});
