/**
 * fal's queue under a concurrency limit (fal-platform.md, "Queue request
 * headers and parameters"), driven by the real @fal-ai/client: the order jobs
 * start in by priority, true queue positions, limits per key, and no limit by
 * default.
 */
import { EMULATOR_FAL_KEY, peakRunning } from '../emulator';
import { oracleClient } from '../helpers/falClient';
import {
	emulator,
	fal,
	finish,
	FLUX,
	job,
	SECOND_KEY,
	small,
	until,
	useQueueOptionsEmulator,
} from './queueOptionsSetup';

useQueueOptionsEmulator();

describe('concurrency and priority', () => {
	it('with concurrency 1, a low job starts after a normal one submitted later', async () => {
		emulator.configure({ concurrency: 1, inferenceTimeMs: 500 });
		const first = await fal.queue.submit(FLUX, { input: small('first') });
		await until(() => job(first.request_id).status === 'IN_PROGRESS');
		const low = await fal.queue.submit(FLUX, { input: small('low'), priority: 'low' });
		// The low job is past its queue time and waiting when the normal one arrives.
		await until(() => job(low.request_id).ready);
		const normal = await fal.queue.submit(FLUX, { input: small('normal') });
		expect(normal.queue_position).toBe(0);
		expect(await fal.queue.status(FLUX, { requestId: low.request_id })).toMatchObject({
			status: 'IN_QUEUE',
			queue_position: 1,
		});

		await Promise.all(
			[first, low, normal].map(({ request_id: requestId }) => finish(fal, requestId)),
		);
		expect(job(low.request_id).options.priority).toBe('low');
		expect(job(normal.request_id).startedAt!).toBeGreaterThanOrEqual(
			job(first.request_id).completedAt!,
		);
		expect(job(low.request_id).startedAt!).toBeGreaterThanOrEqual(
			job(normal.request_id).completedAt!,
		);
		expect(peakRunning(emulator.jobs())).toBe(1);
	});

	it('gives waiting jobs their true queue positions, and starts them in order as running ones finish', async () => {
		// A long queue time: every job is still waiting when the last is submitted.
		emulator.configure({ concurrency: 1, queueTimeMs: 300, inferenceTimeMs: 200 });
		const submitted = [];
		for (const name of ['a', 'b', 'c', 'd'])
			submitted.push(await fal.queue.submit(FLUX, { input: small(name) }));
		expect(submitted.map((each) => each.queue_position)).toEqual([0, 1, 2, 3]);
		const [a, b, c, d] = submitted.map((each) => each.request_id);
		await until(() => job(a).status === 'IN_PROGRESS');
		const position = async (requestId: string) =>
			((await fal.queue.status(FLUX, { requestId })) as { queue_position?: number }).queue_position;
		expect([await position(b), await position(c), await position(d)]).toEqual([0, 1, 2]);
		await until(() => job(b).status === 'IN_PROGRESS');
		expect(job(a).status).toBe('COMPLETED');
		expect([await position(c), await position(d)]).toEqual([0, 1]);

		await Promise.all([a, b, c, d].map((requestId) => finish(fal, requestId)));
		const jobs = [a, b, c, d].map(job);
		for (let index = 1; index < jobs.length; index++)
			expect(jobs[index].startedAt!).toBeGreaterThanOrEqual(jobs[index - 1].completedAt!);
		expect(peakRunning(emulator.jobs())).toBe(1);
	});

	it('limits each key on its own (concurrencyByKey over concurrency), positions counted per key', async () => {
		emulator.configure({
			concurrency: 1,
			concurrencyByKey: { [SECOND_KEY]: 2 },
			queueTimeMs: 300,
			inferenceTimeMs: 200,
		});
		const other = oracleClient({ apiKey: SECOND_KEY, proxyUrl: emulator.proxyUrl });
		const mine = [];
		const theirs = [];
		for (const name of ['1', '2', '3']) {
			theirs.push(await other.queue.submit(FLUX, { input: small(`theirs ${name}`) }));
			mine.push(await fal.queue.submit(FLUX, { input: small(`mine ${name}`) }));
		}
		expect(mine.map((each) => each.queue_position)).toEqual([0, 1, 2]);
		expect(theirs.map((each) => each.queue_position)).toEqual([0, 1, 2]);
		await Promise.all([
			...mine.map((each) => finish(fal, each.request_id)),
			...theirs.map((each) => finish(other, each.request_id)),
		]);
		expect(peakRunning(emulator.jobs(), EMULATOR_FAL_KEY)).toBe(1);
		expect(peakRunning(emulator.jobs(), SECOND_KEY)).toBe(2);
		expect(peakRunning(emulator.jobs())).toBe(3);
	});

	it('without a limit (the default) starts every job after queueTimeMs', async () => {
		emulator.configure({ inferenceTimeMs: 200 });
		const submitted = await Promise.all(
			['x', 'y', 'z'].map((name) => fal.queue.submit(FLUX, { input: small(name) })),
		);
		await Promise.all(submitted.map((each) => finish(fal, each.request_id)));
		expect(peakRunning(emulator.jobs())).toBe(3);
	});
});
