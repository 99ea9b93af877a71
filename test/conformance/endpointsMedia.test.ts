/**
 * Endpoints that answer other files than images, run with the real client
 * through the emulator as a fal proxy: image-to-video (an MP4),
 * text-to-speech (a WAV at the voice's pitch) and a zip archive, each checked
 * byte for byte against what its inputs must make.
 */
import { encodeImage, KOKORO_VOICE_FREQUENCIES, speechSeconds } from '../emulator';
import { makeMp4, makeWav } from '../emulator/media';
import { ApiError } from '../helpers/falClient';
import { makeImage, makePng } from '../helpers/images';
import {
	ARCHIVE,
	bytesAt,
	emulator,
	fal,
	type OutputFile,
	run,
	SPEECH,
	upload,
	useEndpointsEmulator,
	VIDEO,
} from './endpointsSetup';

useEndpointsEmulator();

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
