/**
 * "Any fal Endpoint" (node version 2) run in n8n's engine against the
 * emulator: values typed from the endpoint's schema, files given as binary
 * fields, and every kind of output file back as binary data.
 */
import { decodeImage, expectedFillColour } from '../emulator';
import { editedImage } from '../emulator/images';
import { makeMp4 } from '../emulator/media';
import { anyEndpointParameters as anyEndpoint } from '../helpers/anyEndpoint';
import { makePng, pixelAt } from '../helpers/images';
import { bytesOf, MASK_PNG, SOURCE_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const runV2 = (options: Parameters<typeof run>[0]) => run({ typeVersion: 2, ...options });

describe('typed runs', () => {
	test('text to image with a custom size, a value from an expression', async () => {
		const { items, error } = await runV2({
			parameters: anyEndpoint('fal-ai/flux/dev', {
				prompt: '={{ $json.subject }} at dawn',
				image_size: 'custom',
				image_size_width: 64,
				image_size_height: 48,
				seed: 7,
				output_format: 'png',
				num_inference_steps: 4,
			}),
			items: [{ json: { subject: 'a fox' } }],
		});
		expect(error).toBeUndefined();
		const [job] = emulator().jobs();
		expect(job.input).toEqual({
			prompt: 'a fox at dawn',
			image_size: { width: 64, height: 48 },
			seed: 7,
			output_format: 'png',
			num_inference_steps: 4,
		});
		const bytes = await bytesOf(items[0].binary!.image);
		expect(decodeImage(bytes)).toMatchObject({ width: 64, height: 48 });
		expect(pixelAt(bytes, 10, 10)).toEqual(expectedFillColour('a fox at dawn', 7, 0));
	});

	test('image edit with two binary images in one list field', async () => {
		const second = makePng(32, 64, [20, 200, 40]);
		const { items, error } = await runV2({
			parameters: anyEndpoint('fal-ai/nano-banana/edit', {
				prompt: 'put them side by side',
				image_urls: 'data, second',
				output_format: 'png',
			}),
			items: [
				{
					binary: {
						data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'a.png' },
						second: { bytes: second, mimeType: 'image/png', fileName: 'b.png' },
					},
				},
			],
		});
		expect(error).toBeUndefined();
		const [job] = emulator().jobs();
		const urls = job.input.image_urls as string[];
		expect(urls).toHaveLength(2);
		expect(emulator().file(urls[0])?.bytes.equals(SOURCE_PNG)).toBe(true);
		expect(emulator().file(urls[1])?.bytes.equals(second)).toBe(true);
		const output = decodeImage(await bytesOf(items[0].binary!.image));
		expect(output).toEqual(editedImage([decodeImage(SOURCE_PNG), decodeImage(second)]));
	});

	test('image to video: the video comes back as binary data, byte for byte', async () => {
		const { items, error } = await runV2({
			parameters: anyEndpoint('fal-ai/kling-video/v2.1/standard/image-to-video', {
				prompt: 'the bench in the rain',
				image_url: 'data',
				duration: '5',
			}),
			items: [
				{ binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'a.png' } } },
			],
		});
		expect(error).toBeUndefined();
		const [item] = items;
		expect(Object.keys(item.binary!)).toEqual(['video']);
		expect(item.binary!.video).toMatchObject({
			mimeType: 'video/mp4',
			fileName: 'output.mp4',
			fileExtension: 'mp4',
		});
		expect((await bytesOf(item.binary!.video)).equals(makeMp4())).toBe(true);
		expect(item.json.video).toMatchObject({ binaryProperty: 'video', content_type: 'video/mp4' });
	});

	test('text to speech: the audio as binary data', async () => {
		const { items, error } = await runV2({
			parameters: anyEndpoint('fal-ai/kokoro/american-english', {
				prompt: 'Hello from n8n',
				voice: 'af_heart',
			}),
		});
		expect(error).toBeUndefined();
		const audio = items[0].binary!.audio;
		expect(audio).toMatchObject({ mimeType: 'audio/wav', fileName: 'speech.wav' });
		const bytes = await bytesOf(audio);
		expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
		expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
		expect(
			bytes.equals(emulator().file(String((items[0].json.audio as { url: string }).url))!.bytes),
		).toBe(true);
	});

	test('an archive: any other file comes back as binary data too', async () => {
		const { items, error } = await runV2({
			parameters: anyEndpoint('fal-ai/image-archive', {
				image_urls: 'data, mask',
				archive_name: 'pair.zip',
			}),
			items: [
				{
					binary: {
						data: { bytes: SOURCE_PNG, mimeType: 'image/png' },
						mask: { bytes: MASK_PNG, mimeType: 'image/png' },
					},
				},
			],
		});
		expect(error).toBeUndefined();
		const file = items[0].binary!.file;
		expect(file).toMatchObject({
			mimeType: 'application/zip',
			fileName: 'pair.zip',
			fileExtension: 'zip',
		});
		const bytes = await bytesOf(file);
		expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
		expect(
			bytes.equals(emulator().file(String((items[0].json.file as { url: string }).url))!.bytes),
		).toBe(true);
	});

	test('the schema is read once per execution, whatever the number of items', async () => {
		const { error } = await runV2({
			parameters: anyEndpoint(
				'fal-ai/kokoro/american-english',
				{ prompt: '={{ $json.text }}' },
				{ downloadImages: false },
			),
			items: [{ json: { text: 'one' } }, { json: { text: 'two' } }, { json: { text: 'three' } }],
		});
		expect(error).toBeUndefined();
		expect(emulator().jobs()).toHaveLength(3);
		expect(emulator().stats.requests.models).toBe(1);
	});
});

test('a file over Max Download Size keeps its URL, with a warning, and is not downloaded', async () => {
	emulator().configure({ videoOutput: Buffer.alloc(3 * 2 ** 20, 1) });
	const { items, error } = await runV2({
		parameters: anyEndpoint(
			'fal-ai/kling-video/v2.1/standard/image-to-video',
			{ prompt: 'p', image_url: 'data' },
			{ maxDownloadMb: 1 },
		),
		items: [{ binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png' } } }],
	});
	expect(error).toBeUndefined();
	expect(items[0].binary).toBeUndefined();
	expect(items[0].json.video).toMatchObject({
		url: expect.stringMatching(/^http/),
		notDownloaded: '3 MB is over Max Download Size (1 MB); its URL is kept',
	});
	// fal's file_size said it: the video was not even asked for.
	expect(emulator().stats.requests.file).toBe(0);
});
