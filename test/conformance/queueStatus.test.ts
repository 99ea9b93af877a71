/**
 * Following a queued request with the real @fal-ai/client: status on the wire
 * (202 while queued, 200 once done), subscribeToStatus by polling and by
 * streaming, and cancelling, which ends the request and any open stream.
 */
import { EMULATOR_FAL_KEY } from '../emulator';
import {
	emulator,
	fal,
	INPAINT,
	inpaintInput,
	runToCompletion,
	useQueueEmulator,
} from './queueSetup';

useQueueEmulator();

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
