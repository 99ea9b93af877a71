/**
 * The real, unmodified @fal-ai/client drives the emulator through proxyUrl
 * (test/helpers/falClient.ts): every queue route of
 * fal-protocol.md, answered as fal answers it.
 */
import { ApiError, type FalClient, oracleClient, ValidationError } from '../helpers/falClient';
import {
	EMULATOR_FAL_KEY,
	EMULATOR_LOCKED_FAL_KEY,
	expectedFillColour,
	type FalEmulator,
	sniffImageFormat,
	startFalEmulator,
} from '../emulator';
import { makePng, pixelAt, toBlob } from '../helpers/images';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

// Typed as string: the client's endpoint map would otherwise reject the deliberately wrong inputs below.
const INPAINT: string = 'fal-ai/fast-sdxl/inpainting';
const RED: [number, number, number] = [200, 30, 30];

let emulator: FalEmulator;
let fal: FalClient;
let imageUrl: string;
let maskUrl: string;

function clientWithKey(apiKey: string): FalClient {
	return oracleClient({ apiKey, proxyUrl: emulator.proxyUrl });
}

function inpaintInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		image_url: imageUrl,
		mask_url: maskUrl,
		prompt: 'a tiger on a bench',
		image_size: 'square',
		format: 'png',
		seed: 42,
		...overrides,
	};
}

async function runToCompletion(input: Record<string, unknown>, endpointId = INPAINT) {
	const { request_id: requestId } = await fal.queue.submit(endpointId, { input });
	await fal.queue.subscribeToStatus(endpointId, { requestId, pollInterval: 20 });
	return { requestId, result: () => fal.queue.result(endpointId, { requestId }) };
}

beforeAll(async () => {
	emulator = await startFalEmulator();
	fal = clientWithKey(EMULATOR_FAL_KEY);
	// A red 64×64 image; the mask is white in its top-left 32×32 quarter.
	imageUrl = await fal.storage.upload(toBlob(makePng(64, 64, RED), 'image/png'));
	maskUrl = await fal.storage.upload(
		toBlob(
			makePng(64, 64, [0, 0, 0], { x: 0, y: 0, width: 32, height: 32, colour: [255, 255, 255] }),
			'image/png',
		),
	);
});

afterAll(() => emulator.stop());

beforeEach(() => emulator.configure({ queueTimeMs: 20, inferenceTimeMs: 50, faults: [] }));

describe('submit', () => {
	it('answers IN_QUEUE with the request id and fal URLs, and records the exact input', async () => {
		const before = emulator.stats.submissions[INPAINT] ?? 0;
		const input = inpaintInput();
		const submitted = await fal.queue.submit(INPAINT, { input, priority: 'low' });

		expect(submitted.status).toBe('IN_QUEUE');
		expect(submitted.request_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(submitted.status_url).toBe(
			`https://queue.fal.run/fal-ai/fast-sdxl/requests/${submitted.request_id}/status`,
		);
		expect(submitted.response_url).toBe(
			`https://queue.fal.run/fal-ai/fast-sdxl/requests/${submitted.request_id}`,
		);
		expect(submitted.cancel_url).toBe(
			`https://queue.fal.run/fal-ai/fast-sdxl/requests/${submitted.request_id}/cancel`,
		);
		expect(typeof submitted.queue_position).toBe('number');

		const job = emulator.job(submitted.request_id)!;
		expect(job.endpointId).toBe(INPAINT);
		expect(job.input).toEqual(input);
		expect(job.headers.authorization).toBe(`Key ${EMULATOR_FAL_KEY}`);
		expect(job.headers['x-fal-queue-priority']).toBe('low');
		expect(job.headers['x-fal-target-url']).toBe(`https://queue.fal.run/${INPAINT}`);
		expect(emulator.stats.submissions[INPAINT]).toBe(before + 1);
	});

	it('POSTs fal_webhook when the job finishes, OK with the payload or ERROR with the detail', async () => {
		const receiver = await startWebhookReceiver();
		try {
			const ok = await fal.queue.submit(INPAINT, {
				input: inpaintInput(),
				webhookUrl: receiver.url,
			});
			expect(emulator.job(ok.request_id)!.webhookUrl).toBe(receiver.url);
			const okHook = await receiver.next();
			expect(okHook).toMatchObject({
				request_id: ok.request_id,
				gateway_request_id: ok.request_id,
				status: 'OK',
			});
			expect((okHook.payload as { images: unknown[] }).images).toHaveLength(1);

			const bad = await fal.queue.submit(INPAINT, {
				input: inpaintInput({ format: 'gif' }),
				webhookUrl: receiver.url,
			});
			const badHook = await receiver.next();
			expect(badHook).toMatchObject({ request_id: bad.request_id, status: 'ERROR' });
			expect(badHook.payload).toEqual({
				detail: [
					{
						loc: ['body', 'format'],
						msg: "Input should be 'jpeg' or 'png'",
						type: 'literal_error',
					},
				],
			});
		} finally {
			await receiver.stop();
		}
	});

	it('answers 404 for an endpoint it does not know', async () => {
		await expect(fal.queue.submit('fal-ai/no-such-model', { input: {} })).rejects.toMatchObject({
			name: 'ApiError',
			status: 404,
		});
	});
});

describe('status', () => {
	it('is 202 with queue_position while queued, then logs, then 200 COMPLETED with metrics', async () => {
		emulator.configure({ queueTimeMs: 400, inferenceTimeMs: 300 });
		const first = await fal.queue.submit(INPAINT, { input: inpaintInput() });
		const second = await fal.queue.submit(INPAINT, { input: inpaintInput() });

		const queued = await fal.queue.status(INPAINT, { requestId: second.request_id, logs: true });
		expect(queued).toMatchObject({ status: 'IN_QUEUE', queue_position: 1 });

		const seen = new Set<string>();
		let last = queued;
		while (last.status !== 'COMPLETED') {
			await new Promise((resolve) => setTimeout(resolve, 25));
			last = await fal.queue.status(INPAINT, { requestId: first.request_id, logs: true });
			seen.add(last.status);
			if (last.status === 'IN_PROGRESS') expect(Array.isArray(last.logs)).toBe(true);
		}
		expect(seen).toEqual(new Set(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']));
		expect(last.logs.map((entry) => entry.message)).toEqual([
			`Loading ${INPAINT}`,
			'Running inference',
			'Done',
		]);
		expect(last.logs[0]).toMatchObject({ level: 'INFO', source: 'USER' });
		expect(
			(last as unknown as { metrics: { inference_time: number } }).metrics.inference_time,
		).toBeGreaterThanOrEqual(0.3);
	});

	it('answers 202 and 200 on the wire, and accepts the full endpoint id as well as owner/alias', async () => {
		const { requestId } = await runToCompletion(inpaintInput());
		for (const app of ['fal-ai/fast-sdxl', INPAINT]) {
			const answer = await fetch(emulator.proxyUrl, {
				headers: {
					authorization: `Key ${EMULATOR_FAL_KEY}`,
					'x-fal-target-url': `https://queue.fal.run/${app}/requests/${requestId}/status?logs=0`,
				},
			});
			expect(answer.status).toBe(200);
			expect(answer.headers.get('content-type')).toBe('application/json');
			expect(await answer.json()).toMatchObject({ status: 'COMPLETED', logs: null });
		}
		emulator.configure({ queueTimeMs: 5_000 });
		const queued = await fal.queue.submit(INPAINT, { input: inpaintInput() });
		const answer = await fetch(emulator.proxyUrl, {
			headers: { authorization: `Key ${EMULATOR_FAL_KEY}`, 'x-fal-target-url': queued.status_url },
		});
		expect(answer.status).toBe(202);
		await fal.queue.cancel(INPAINT, { requestId: queued.request_id });
	});

	it('answers 404 with a detail for an unknown request id', async () => {
		await expect(
			fal.queue.status(INPAINT, { requestId: '00000000-0000-0000-0000-000000000000' }),
		).rejects.toMatchObject({
			status: 404,
			body: { detail: expect.stringContaining('not found') },
		});
	});
});

describe('subscribeToStatus', () => {
	it.each(['polling', 'streaming'] as const)(
		'in %s mode reports every state and the logs, then resolves COMPLETED',
		async (mode) => {
			emulator.configure({ queueTimeMs: 150, inferenceTimeMs: 150 });
			const { request_id: requestId } = await fal.queue.submit(INPAINT, { input: inpaintInput() });
			const updates: Array<{ status: string; logs?: Array<{ message: string }> }> = [];
			const before = { ...emulator.stats.requests };
			const final = await fal.queue.subscribeToStatus(INPAINT, {
				requestId,
				logs: true,
				...(mode === 'streaming'
					? { mode: 'streaming' as const }
					: { mode: 'polling' as const, pollInterval: 30 }),
				onQueueUpdate: (update) => updates.push(update as (typeof updates)[number]),
			});

			expect(final.status).toBe('COMPLETED');
			expect(updates.map((update) => update.status)).toEqual(
				expect.arrayContaining(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']),
			);
			expect(updates[updates.length - 1].logs!.map((entry) => entry.message)).toEqual([
				`Loading ${INPAINT}`,
				'Running inference',
				'Done',
			]);
			if (mode === 'streaming') {
				// One connection, no polling.
				expect(emulator.stats.requests.statusStream - before.statusStream).toBe(1);
				expect(emulator.stats.requests.status - before.status).toBe(0);
			} else {
				expect(emulator.stats.requests.status - before.status).toBeGreaterThan(3);
			}
		},
	);

	it('with a timeout cancels the request and rejects', async () => {
		emulator.configure({ queueTimeMs: 5_000 });
		const { request_id: requestId } = await fal.queue.submit(INPAINT, { input: inpaintInput() });
		await expect(
			fal.queue.subscribeToStatus(INPAINT, { requestId, pollInterval: 20, timeout: 200 }),
		).rejects.toThrow(/timed out/);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(emulator.stats.cancelledRequestIds).toContain(requestId);
	});
});

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

describe('cancel', () => {
	it('cancels a queued request (202), then answers ALREADY_COMPLETED (400) and NOT_FOUND (404)', async () => {
		emulator.configure({ queueTimeMs: 5_000 });
		const { request_id: requestId } = await fal.queue.submit(INPAINT, { input: inpaintInput() });
		const cancelsBefore = emulator.stats.cancels;
		await fal.queue.cancel(INPAINT, { requestId });
		expect(emulator.stats.cancels).toBe(cancelsBefore + 1);
		expect(emulator.stats.cancelledRequestIds).toContain(requestId);
		expect(await fal.queue.status(INPAINT, { requestId })).toMatchObject({ status: 'COMPLETED' });
		await expect(fal.queue.result(INPAINT, { requestId })).rejects.toMatchObject({ status: 400 });

		await expect(fal.queue.cancel(INPAINT, { requestId })).rejects.toMatchObject({
			status: 400,
			body: { status: 'ALREADY_COMPLETED' },
		});
		await expect(
			fal.queue.cancel(INPAINT, { requestId: '00000000-0000-0000-0000-000000000000' }),
		).rejects.toMatchObject({
			status: 404,
			body: { status: 'NOT_FOUND' },
		});
	});

	it('ends an open status stream', async () => {
		emulator.configure({ queueTimeMs: 5_000 });
		const { request_id: requestId } = await fal.queue.submit(INPAINT, { input: inpaintInput() });
		const waiting = fal.queue.subscribeToStatus(INPAINT, { requestId, mode: 'streaming' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		await fal.queue.cancel(INPAINT, { requestId });
		await expect(waiting).resolves.toMatchObject({ status: 'COMPLETED' });
	});
});

describe('auth', () => {
	it("answers 401 with fal's body for an unknown key", async () => {
		const error = await clientWithKey('wrong-id:wrong-secret')
			.queue.submit(INPAINT, { input: inpaintInput() })
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ApiError);
		expect(error).toMatchObject({
			status: 401,
			body: { detail: 'No user found for Key ID and Secret' },
		});
	});

	it("answers 403 with fal's body for a locked account", async () => {
		await expect(
			clientWithKey(EMULATOR_LOCKED_FAL_KEY).queue.status(INPAINT, { requestId: 'x' }),
		).rejects.toMatchObject({
			name: 'ApiError',
			status: 403,
			body: { detail: expect.stringMatching(/^User is locked\. Reason: Exhausted balance/) },
		});
	});
});

describe('fault injection', () => {
	it('answers 429 with Retry-After, which the client retries', async () => {
		const call = emulator.stats.requests.submit + 1;
		emulator.configure({
			faults: [{ route: 'submit', kind: 'rate-limit', calls: [call], retryAfterSeconds: 2 }],
		});
		const submissions = emulator.stats.submissions[INPAINT];
		const submitted = await fal.queue.submit(INPAINT, { input: inpaintInput() });
		expect(submitted.status).toBe('IN_QUEUE');
		expect(emulator.stats.requests.submit).toBe(call + 1);
		expect(emulator.stats.submissions[INPAINT]).toBe(submissions + 1);

		const answer = await fetch(emulator.proxyUrl, {
			method: 'POST',
			headers: { 'x-fal-target-url': `https://queue.fal.run/${INPAINT}` },
			body: '{}',
		}).then(async (first) => {
			emulator.configure({
				faults: [
					{
						route: 'submit',
						kind: 'rate-limit',
						calls: [emulator.stats.requests.submit + 1],
						retryAfterSeconds: 7,
					},
				],
			});
			expect(first.status).toBe(401);
			return fetch(emulator.proxyUrl, {
				method: 'POST',
				headers: { 'x-fal-target-url': `https://queue.fal.run/${INPAINT}` },
				body: '{}',
			});
		});
		expect(answer.status).toBe(429);
		expect(answer.headers.get('retry-after')).toBe('7');
	});

	it('answers 503 and drops connections, both retried by the client', async () => {
		const { request_id: requestId } = await fal.queue.submit(INPAINT, { input: inpaintInput() });
		await fal.queue.subscribeToStatus(INPAINT, { requestId, pollInterval: 20 });
		emulator.configure({
			faults: [
				{ route: 'status', kind: 'unavailable', calls: [emulator.stats.requests.status + 1] },
				{ route: 'result', kind: 'drop', calls: [emulator.stats.requests.result + 1] },
			],
		});
		const faultsBefore = emulator.stats.faultsInjected;
		await expect(fal.queue.status(INPAINT, { requestId })).resolves.toMatchObject({
			status: 'COMPLETED',
		});
		await expect(fal.queue.result(INPAINT, { requestId })).resolves.toMatchObject({ requestId });
		expect(emulator.stats.faultsInjected).toBe(faultsBefore + 2);
	});

	it('fires by rate, repeatably for a given seed', async () => {
		const counts: number[] = [];
		for (let run = 0; run < 2; run++) {
			const local = await startFalEmulator({
				seed: 7,
				faults: [{ route: 'uploadInitiate', kind: 'unavailable', rate: 0.5 }],
			});
			let refused = 0;
			for (let call = 0; call < 20; call++) {
				const answer = await fetch(local.proxyUrl, {
					method: 'POST',
					headers: {
						authorization: `Key ${EMULATOR_FAL_KEY}`,
						'x-fal-target-url':
							'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3',
					},
					body: JSON.stringify({ content_type: 'text/plain', file_name: 'a.txt' }),
				});
				if (answer.status === 503) refused++;
			}
			counts.push(refused);
			await local.stop();
		}
		expect(counts[0]).toBe(counts[1]);
		expect(counts[0]).toBeGreaterThan(4);
		expect(counts[0]).toBeLessThan(16);
	});
});
