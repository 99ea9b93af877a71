/**
 * Submitting to fal's queue with the real @fal-ai/client, as fal-protocol.md
 * describes it: what a submission answers and records, its webhook, the
 * answers for an unknown endpoint, an unknown key and a locked account; and
 * the emulator's injected faults, which the client retries. The fault tests
 * count on the submissions made before them in this file.
 */
import { ApiError } from '../helpers/falClient';
import { EMULATOR_FAL_KEY, EMULATOR_LOCKED_FAL_KEY, startFalEmulator } from '../emulator';
import { startWebhookReceiver } from '../helpers/webhookReceiver';
import {
	clientWithKey,
	emulator,
	fal,
	INPAINT,
	inpaintInput,
	useQueueEmulator,
} from './queueSetup';

useQueueEmulator();

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
