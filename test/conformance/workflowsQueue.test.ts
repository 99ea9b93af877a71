/**
 * fal workflows run on the queue by the real @fal-ai/client as
 * `workflows/{user}/{name}`, whose own URL building (a three-segment app) must
 * meet the emulator's status, result and cancel routes; their validation,
 * webhooks, faults and billing, as for an endpoint.
 */
import {
	EMULATOR_FAL_KEY,
	expectedFillColour,
	sniffImageFormat,
	STICKER_MAKER_SEED,
} from '../emulator';
import { ApiError, ValidationError } from '../helpers/falClient';
import { pixelAt } from '../helpers/images';
import { platform } from '../helpers/platform';
import { startWebhookReceiver } from '../helpers/webhookReceiver';
import { emulator, fal, useWorkflowsEmulator } from './workflowsSetup';

const STICKERS = 'workflows/emulator/sticker-maker';

useWorkflowsEmulator();

describe('running a workflow on the queue', () => {
	it('runs through the real client: submit, subscribeToStatus, result on the URLs it builds itself', async () => {
		emulator.configure({ capture: true });
		const prompt = 'a red fox sticker';
		const submitted = await fal.queue.submit(STICKERS, { input: { prompt, num_images: 2 } });
		const base = `https://queue.fal.run/${STICKERS}/requests/${submitted.request_id}`;
		expect(submitted).toMatchObject({
			status: 'IN_QUEUE',
			response_url: base,
			status_url: `${base}/status`,
			cancel_url: `${base}/cancel`,
		});

		for (const mode of ['polling', 'streaming'] as const) {
			const final = await fal.queue.subscribeToStatus(STICKERS, {
				requestId: submitted.request_id,
				logs: true,
				...(mode === 'polling' ? { mode, pollInterval: 20 } : { mode }),
			});
			expect(final.status).toBe('COMPLETED');
		}
		const { data, requestId } = await fal.queue.result(STICKERS, {
			requestId: submitted.request_id,
		});
		expect(requestId).toBe(submitted.request_id);
		const images = data.images as Array<{
			url: string;
			width: number;
			height: number;
			content_type: string;
		}>;
		expect(images).toHaveLength(2);
		for (const [index, image] of images.entries()) {
			// The default size (square), a PNG in the prompt's colour, as fal-ai/flux/dev paints.
			expect(image).toMatchObject({ width: 512, height: 512, content_type: 'image/png' });
			const bytes = Buffer.from(await (await fetch(image.url)).arrayBuffer());
			expect(sniffImageFormat(bytes)).toBe('png');
			expect(pixelAt(bytes, 256, 256)).toEqual(
				expectedFillColour(prompt, STICKER_MAKER_SEED, index),
			);
		}
		// The client built the status, stream and result URLs on the three-segment app, and the emulator answered them.
		const targets = emulator.captured
			.filter(
				(request) => request.route && ['status', 'statusStream', 'result'].includes(request.route),
			)
			.map((request) => request.target.split('?')[0]);
		expect(new Set(targets)).toEqual(new Set([`${base}/status`, `${base}/status/stream`, base]));
		const job = emulator.job(submitted.request_id)!;
		expect(job).toMatchObject({ endpointId: STICKERS, appId: STICKERS });
		expect(emulator.stats.submissions[STICKERS]).toBe(1);
	});

	it('answers the URLs of the submit answer as given', async () => {
		const submitted = await fal.queue.submit(STICKERS, {
			input: { prompt: 'given urls', image_size: 'square_hd' },
		});
		const get = (url: string) =>
			fetch(emulator.proxyUrl, {
				headers: { authorization: `Key ${EMULATOR_FAL_KEY}`, 'x-fal-target-url': url },
			});
		await fal.subscribe(STICKERS, { input: { prompt: 'subscribe works too' }, pollInterval: 20 });
		let status = await get(submitted.status_url);
		while (status.status === 202) status = await get(submitted.status_url);
		expect(await status.json()).toMatchObject({ status: 'COMPLETED' });
		const result = await get(submitted.response_url);
		expect(result.status).toBe(200);
		expect(((await result.json()) as { images: Array<{ width: number }> }).images[0].width).toBe(
			1024,
		);
	});

	it('answers 422 for input its schema refuses, as for an endpoint', async () => {
		for (const [input, loc] of [
			[{ prompt: 'too many', num_images: 9 }, ['body', 'num_images']],
			[{ num_images: 1 }, ['body', 'prompt']],
			[{ prompt: 'x', image_size: 'huge' }, ['body', 'image_size']],
		] as const) {
			const { request_id: requestId } = await fal.queue.submit(STICKERS, { input });
			await fal.queue.subscribeToStatus(STICKERS, { requestId, pollInterval: 20 });
			const error = await fal.queue.result(STICKERS, { requestId }).then(
				() => undefined,
				(caught: unknown) => caught,
			);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fieldErrors[0].loc).toEqual(loc);
		}
	});

	it('answers 404 for a workflow it does not have, and creates no job', async () => {
		const error = await fal.queue
			.submit('workflows/emulator/no-such-workflow', { input: { prompt: 'x' } })
			.then(
				() => undefined,
				(caught: unknown) => caught,
			);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError<unknown>).status).toBe(404);
		expect(emulator.jobs()).toEqual([]);
	});

	it('cancels, posts its webhook, and takes fault rules like an endpoint', async () => {
		emulator.configure({ queueTimeMs: 5_000 });
		const waiting = await fal.queue.submit(STICKERS, { input: { prompt: 'never mind' } });
		await fal.queue.cancel(STICKERS, { requestId: waiting.request_id });
		expect(emulator.stats.cancelledRequestIds).toEqual([waiting.request_id]);
		await expect(
			fal.queue.result(STICKERS, { requestId: waiting.request_id }),
		).rejects.toMatchObject({ status: 400, body: { error_type: 'request_cancelled' } });

		emulator.configure({
			queueTimeMs: 20,
			faults: [{ route: 'submit', kind: 'fail-job', endpointId: STICKERS, calls: [2] }],
		});
		const receiver = await startWebhookReceiver();
		try {
			const failing = await fal.queue.submit(STICKERS, {
				input: { prompt: 'doomed' },
				webhookUrl: receiver.url,
			});
			expect(await receiver.next()).toMatchObject({
				request_id: failing.request_id,
				status: 'ERROR',
				payload: { error_type: 'runner_disconnected' },
			});
			const fine = await fal.queue.submit(STICKERS, {
				input: { prompt: 'fine' },
				webhookUrl: receiver.url,
			});
			expect(await receiver.next()).toMatchObject({
				request_id: fine.request_id,
				status: 'OK',
				payload: { images: [expect.any(Object)] },
			});
		} finally {
			await receiver.stop();
		}
	});

	it('runs multi-node workflows, billed as the endpoints their nodes called', async () => {
		const cutout = await fal.subscribe('workflows/emulator/product-cutout', {
			input: { prompt: 'a teapot' },
			pollInterval: 20,
		});
		expect(cutout.data).toEqual({
			image: expect.objectContaining({
				width: 512,
				height: 512,
				url: expect.stringContaining('/files/'),
			}),
		});
		const speech = await fal.subscribe('workflows/emulator/read-aloud', {
			input: { text: 'Hello from a workflow.' },
			pollInterval: 20,
		});
		expect(speech.data).toEqual({
			audio: expect.objectContaining({ content_type: 'audio/wav', file_name: 'speech.wav' }),
		});

		const usage = await platform<{ summary: Array<{ endpoint_id: string; quantity: number }> }>(
			emulator.proxyUrl,
			'/models/usage',
			{ key: 'admin-key-id:admin-key-secret' },
		);
		expect(
			Object.fromEntries(usage.body.summary.map((line) => [line.endpoint_id, line.quantity])),
		).toEqual({
			'fal-ai/flux/dev': 0.262144,
			'fal-ai/imageutils/rembg': 1,
			'fal-ai/kokoro/american-english': 'Hello from a workflow.'.length / 1000,
		});
	});
});
