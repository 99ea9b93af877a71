/**
 * fal's queue options (fal-platform.md, "Queue request headers and
 * parameters"), sent by the real @fal-ai/client's `submit` options
 * (`startTimeout`, `storageSettings`, `headers`) or a raw submit
 * (`fal_max_queue_length`), and their effect in the emulator: start
 * deadlines, payloads kept or not, file lifetimes, full queues.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EMULATOR_FAL_KEY } from '../emulator';
import { ApiError } from '../helpers/falClient';
import { platform } from '../helpers/platform';
import { startWebhookReceiver } from '../helpers/webhookReceiver';
import {
	emulator,
	fal,
	finish,
	FLUX,
	job,
	small,
	useQueueOptionsEmulator,
} from './queueOptionsSetup';

useQueueOptionsEmulator();

describe('X-Fal-Request-Timeout (startTimeout)', () => {
	it('a job not started in time never runs: 504 with X-Fal-Request-Timeout-Type: user, its webhook reports the error', async () => {
		emulator.configure({ concurrency: 1, inferenceTimeMs: 3_000 });
		const receiver = await startWebhookReceiver();
		try {
			const blocker = await fal.queue.submit(FLUX, { input: small('blocker') });
			const started = Date.now();
			const late = await fal.queue.submit(FLUX, {
				input: small('late'),
				startTimeout: 1.5,
				webhookUrl: receiver.url,
			});
			expect(job(late.request_id).headers['x-fal-request-timeout']).toBe('1.5');
			const status = await fal.queue.subscribeToStatus(FLUX, {
				requestId: late.request_id,
				pollInterval: 25,
			});
			expect(status.status).toBe('COMPLETED');
			expect(Date.now() - started).toBeGreaterThanOrEqual(1_450);
			expect(Date.now() - started).toBeLessThan(2_900);

			const error = await fal.queue.result(FLUX, { requestId: late.request_id }).then(
				() => undefined,
				(caught: unknown) => caught,
			);
			expect(error).toBeInstanceOf(ApiError);
			expect(error).toMatchObject({
				status: 504,
				body: { detail: 'Request timed out before it started', error_type: 'request_timeout' },
				timeoutType: 'user',
			});
			// A user timeout is final: the client does not retry it.
			expect(emulator.stats.requests.result).toBe(1);
			const raw = await fetch(emulator.proxyUrl, {
				headers: {
					authorization: `Key ${EMULATOR_FAL_KEY}`,
					'x-fal-target-url': late.response_url,
				},
			});
			expect(raw.status).toBe(504);
			expect(raw.headers.get('x-fal-request-timeout-type')).toBe('user');

			const timedOut = job(late.request_id);
			expect(timedOut).toMatchObject({ timedOutBeforeStart: true, outputFiles: [], charges: [] });
			expect(timedOut.startedAt).toBeUndefined();
			expect(timedOut.logs).toEqual([]);
			const hook = await receiver.next();
			expect(hook).toMatchObject({
				request_id: late.request_id,
				status: 'ERROR',
				error: 'Invalid status code: 504',
				payload: { error_type: 'request_timeout' },
			});
			expect(job(blocker.request_id).status).toBe('IN_PROGRESS');
			await fal.queue.cancel(FLUX, { requestId: blocker.request_id });
		} finally {
			await receiver.stop();
		}
	});

	it('a job that starts within its deadline runs as usual', async () => {
		const { request_id: requestId } = await fal.queue.submit(FLUX, {
			input: small('on time'),
			startTimeout: 5,
		});
		await finish(fal, requestId);
		const { data } = await fal.queue.result(FLUX, { requestId });
		expect(data.images).toHaveLength(1);
		expect(job(requestId).timedOutBeforeStart).toBe(false);
	});
});

describe('X-Fal-Store-IO, X-Fal-Object-Lifecycle-Preference, X-Fal-No-Retry', () => {
	it('Store-IO 0 leaves no payloads in the request history', async () => {
		const kept = await fal.queue.submit(FLUX, { input: small('kept') });
		const hidden = await fal.queue.submit(FLUX, {
			input: small('hidden'),
			headers: { 'X-Fal-Store-IO': '0' },
		});
		await Promise.all([kept, hidden].map((each) => finish(fal, each.request_id)));
		expect(job(hidden.request_id).options.storeIo).toBe(false);
		const { body } = await platform<{ items: Array<Record<string, unknown>> }>(
			emulator.proxyUrl,
			`/models/requests/by-endpoint?endpoint_id=${FLUX}&expand=payloads`,
			{ key: EMULATOR_FAL_KEY },
		);
		const items = Object.fromEntries(body.items.map((item) => [item.request_id, item]));
		expect(items[kept.request_id]).toMatchObject({
			json_input: small('kept'),
			json_output: { images: [expect.any(Object)] },
		});
		expect(items[hidden.request_id]).toMatchObject({ status_code: 200 });
		expect(items[hidden.request_id]).not.toHaveProperty('json_input');
		expect(items[hidden.request_id]).not.toHaveProperty('json_output');
	});

	it("the output files expire after the job's object lifetime; other jobs' stay", async () => {
		const shortLived = await fal.queue.submit(FLUX, {
			input: small('short'),
			storageSettings: { expiresIn: 1 },
		});
		const lasting = await fal.queue.submit(FLUX, { input: small('lasting') });
		expect(job(shortLived.request_id).headers['x-fal-object-lifecycle-preference']).toBe(
			'{"expiration_duration_seconds":1}',
		);
		const urlOf = async (requestId: string) => {
			await finish(fal, requestId);
			return (
				(await fal.queue.result(FLUX, { requestId })).data.images as Array<{ url: string }>
			)[0].url;
		};
		const expiring = await urlOf(shortLived.request_id);
		expect((await fetch(expiring)).status).toBe(200);
		const staying = await urlOf(lasting.request_id);
		// A second after the file was made (before the job completed).
		await sleep(Math.max(0, job(shortLived.request_id).completedAt! + 1_050 - Date.now()));
		expect((await fetch(expiring)).status).toBe(404);
		expect(emulator.file(expiring)).toBeUndefined();
		expect((await fetch(staying)).status).toBe(200);
	});

	it('No-Retry is accepted and recorded on the job', async () => {
		const noRetry = await fal.queue.submit(FLUX, {
			input: small('once'),
			headers: { 'X-Fal-No-Retry': '1' },
		});
		const usual = await fal.queue.submit(FLUX, { input: small('usual') });
		expect(job(noRetry.request_id).options.noRetry).toBe(true);
		expect(job(usual.request_id).options.noRetry).toBe(false);
		await Promise.all([noRetry, usual].map((each) => finish(fal, each.request_id)));
	});
});

describe('?fal_max_queue_length', () => {
	const rawSubmit = (endpointId: string, maxQueueLength: number) =>
		fetch(emulator.proxyUrl, {
			method: 'POST',
			headers: {
				authorization: `Key ${EMULATOR_FAL_KEY}`,
				'content-type': 'application/json',
				'x-fal-target-url': `https://queue.fal.run/${endpointId}?fal_max_queue_length=${maxQueueLength}`,
			},
			body: JSON.stringify(small('one more')),
		});

	it('answers 429 queue_full and creates no job when that many wait already', async () => {
		emulator.configure({ queueTimeMs: 5_000 });
		const waiting = [
			await fal.queue.submit(FLUX, { input: small('1') }),
			await fal.queue.submit(FLUX, { input: small('2') }),
		];
		const jobsBefore = emulator.jobs().length;

		const full = await rawSubmit(FLUX, 2);
		expect(full.status).toBe(429);
		expect(full.headers.get('x-fal-error-type')).toBe('queue_full');
		expect(await full.json()).toEqual({
			detail: `The queue of ${FLUX} is full (2 requests waiting); try again later.`,
		});
		expect(emulator.jobs()).toHaveLength(jobsBefore);
		expect(emulator.stats.submissions[FLUX]).toBe(2);
		expect(emulator.stats.requests.submit).toBe(3);

		const room = await rawSubmit(FLUX, 3);
		expect(room.status).toBe(200);
		// Another endpoint's queue is its own.
		expect((await rawSubmit('fal-ai/kokoro/american-english', 1)).status).toBe(200);
		expect(emulator.stats.submissions[FLUX]).toBe(3);
		for (const each of waiting) await fal.queue.cancel(FLUX, { requestId: each.request_id });
	});
});
