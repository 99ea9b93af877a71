/**
 * A queued request's result through the real @fal-ai/client: the documented
 * output with real images made from the inputs, and fal's 422 and 5xx
 * answers, as the client's ValidationError and ApiError.
 */
import { ApiError, ValidationError } from '../helpers/falClient';
import { expectedFillColour, sniffImageFormat } from '../emulator';
import { makePng, pixelAt } from '../helpers/images';
import {
	emulator,
	fal,
	imageUrl,
	inpaintInput,
	maskUrl,
	RED,
	runToCompletion,
	useQueueEmulator,
} from './queueSetup';

useQueueEmulator();

describe('result', () => {
	it('returns the documented output with real images made from the inputs', async () => {
		const { requestId, result } = await runToCompletion(inpaintInput({ num_images: 2 }));
		const { data, requestId: answeredId } = await result();

		expect(answeredId).toBe(requestId);
		expect(Object.keys(data).sort()).toEqual([
			'has_nsfw_concepts',
			'images',
			'prompt',
			'seed',
			'timings',
		]);
		expect(data).toMatchObject({
			seed: 42,
			prompt: 'a tiger on a bench',
			has_nsfw_concepts: [false, false],
		});
		expect(data.images).toHaveLength(2);
		for (const [index, image] of (
			data.images as Array<{ url: string; width: number; height: number; content_type: string }>
		).entries()) {
			expect(image).toMatchObject({ width: 512, height: 512, content_type: 'image/png' });
			const bytes = Buffer.from(await (await fetch(image.url)).arrayBuffer());
			expect(sniffImageFormat(bytes)).toBe('png');
			// Masked quarter painted with the prompt/seed colour, the rest is the red source.
			expect(pixelAt(bytes, 10, 10)).toEqual(expectedFillColour('a tiger on a bench', 42, index));
			expect(pixelAt(bytes, 400, 400)).toEqual(RED);
		}
	});

	it('makes JPEG by default, sizes per image_size, and draws a seed when none is given', async () => {
		const { result } = await runToCompletion(
			inpaintInput({ format: undefined, seed: undefined, image_size: { width: 320, height: 200 } }),
		);
		const { data } = await result();
		expect(typeof data.seed).toBe('number');
		const [image] = data.images as Array<{
			url: string;
			width: number;
			height: number;
			content_type: string;
		}>;
		expect(image).toMatchObject({ width: 320, height: 200, content_type: 'image/jpeg' });
		const bytes = Buffer.from(await (await fetch(image.url)).arrayBuffer());
		expect(sniffImageFormat(bytes)).toBe('jpeg');
	});

	it('answers data: URIs in sync_mode and takes data: URIs as input', async () => {
		const dataUri = `data:image/png;base64,${makePng(16, 16, RED).toString('base64')}`;
		const { result } = await runToCompletion(inpaintInput({ image_url: dataUri, sync_mode: true }));
		const { data } = await result();
		const [image] = data.images as Array<{ url: string }>;
		expect(image.url).toMatch(/^data:image\/png;base64,/);
		expect(pixelAt(Buffer.from(image.url.split(',')[1], 'base64'), 500, 500)).toEqual(RED);
	});

	it('image-to-image blends the source towards the colour by strength', async () => {
		const endpoint: string = 'fal-ai/playground-v25/image-to-image';
		const { result } = await runToCompletion(
			{
				image_url: imageUrl,
				prompt: 'sunset',
				strength: 0.5,
				seed: 7,
				format: 'png',
				image_size: 'square',
			},
			endpoint,
		);
		const { data } = await result();
		const bytes = Buffer.from(
			await (await fetch((data.images as Array<{ url: string }>)[0].url)).arrayBuffer(),
		);
		const colour = expectedFillColour('sunset', 7, 0);
		expect(pixelAt(bytes, 5, 5)).toEqual(
			RED.map((channel, index) => Math.round(channel * 0.5 + colour[index] * 0.5)),
		);
	});

	it("answers 422 with fal's detail for invalid input, as a ValidationError", async () => {
		const { requestId, result } = await runToCompletion({
			mask_url: maskUrl,
			prompt: 'x',
			format: 'gif',
			// fal's page gives its steps no range: a fraction is what it refuses.
			num_inference_steps: 2.5,
			loras: [{ scale: 1 }],
			image_size: { width: 'wide', height: 10 },
		});
		const error = await result().then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(ValidationError);
		const validation = error as ValidationError;
		expect(validation.status).toBe(422);
		expect(validation.requestId).toBe(requestId);
		expect(validation.fieldErrors).toEqual([
			{ loc: ['body', 'image_url'], msg: 'Field required', type: 'missing' },
			{
				loc: ['body', 'image_size', 'width'],
				msg: 'Input should be a valid integer',
				type: 'int_type',
			},
			{
				loc: ['body', 'num_inference_steps'],
				msg: 'Input should be a valid integer, got a number with a fractional part',
				type: 'int_from_float',
			},
			{ loc: ['body', 'loras', 0, 'path'], msg: 'Field required', type: 'missing' },
			{ loc: ['body', 'format'], msg: "Input should be 'jpeg' or 'png'", type: 'literal_error' },
		]);
	});

	it('answers 422 when a file input cannot be fetched or is not an image', async () => {
		const notAnImage = await fal.storage.upload(new Blob(['hello'], { type: 'text/plain' }));
		const { result } = await runToCompletion(
			inpaintInput({
				image_url: 'https://raw.githubusercontent.com/CompVis/latent-diffusion/main/x.png',
				mask_url: notAnImage,
			}),
		);
		await expect(result()).rejects.toMatchObject({
			status: 422,
			body: {
				detail: [
					expect.objectContaining({ loc: ['body', 'image_url'], type: 'file_download_error' }),
					expect.objectContaining({ loc: ['body', 'mask_url'], type: 'image_load_error' }),
				],
			},
		});
	});

	it("answers a failed job with 5xx, fal's detail and error_type", async () => {
		emulator.configure({
			faults: [
				{
					route: 'submit',
					kind: 'fail-job',
					calls: [emulator.stats.requests.submit + 1],
					errorType: 'runner_disconnected',
				},
			],
		});
		const { requestId, result } = await runToCompletion(inpaintInput());
		const error = (await result().catch((caught: unknown) => caught)) as ApiError<{
			detail: string;
			error_type: string;
		}>;
		expect(error).toBeInstanceOf(ApiError);
		expect(error.status).toBe(500);
		expect(error.requestId).toBe(requestId);
		expect(error.body).toMatchObject({
			detail: expect.any(String),
			error_type: 'runner_disconnected',
		});
	});
});
