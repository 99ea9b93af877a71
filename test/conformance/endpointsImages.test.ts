/**
 * Image endpoints beyond the node's seed models, run with the real client
 * through the emulator as a fal proxy: fal-ai/flux/dev paints in the colour
 * of its prompt, seed and index, fal-ai/nano-banana/edit puts its images
 * side by side; each output checked byte for byte.
 */
import { decodeImage, editedImage, encodeImage, expectedFillColour } from '../emulator';
import { makeImage, pixelAt } from '../helpers/images';
import {
	bytesAt,
	EDIT,
	FLUX,
	type OutputFile,
	run,
	upload,
	useEndpointsEmulator,
} from './endpointsSetup';

useEndpointsEmulator();

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
