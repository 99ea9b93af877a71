/**
 * Waiting on fal's queue: the status stream, polling (chosen, or as the
 * stream's fallback), Max Wait, and the execution being cancelled.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { imageAndMaskItem, inpaintParameters, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

test('follows the status stream by default, without polling', async () => {
	const { error } = await run({ parameters: inpaintParameters(), items: [imageAndMaskItem()] });
	expect(error).toBeUndefined();
	expect(emulator().stats.requests.statusStream).toBe(1);
	expect(emulator().stats.requests.status).toBe(0);
});

test('falls back to polling when the status stream is unavailable', async () => {
	emulator().configure({
		inferenceTimeMs: 300,
		faults: [{ route: 'statusStream', kind: 'unavailable', status: 405, rate: 1 }],
	});
	const { items, error, messages } = await run({
		parameters: { ...inpaintParameters(), nodeOptions: { pollIntervalMs: 50 } },
		items: [imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	expect(items[0].binary?.image).toBeDefined();
	expect(emulator().stats.requests.statusStream).toBeGreaterThanOrEqual(1);
	expect(emulator().stats.requests.status).toBeGreaterThan(1);
	// Progress reaches the editor's console while polling too.
	expect(JSON.stringify(messages)).toMatch(/IN_PROGRESS/);
});

test('polls at the poll interval when told to', async () => {
	emulator().configure({ inferenceTimeMs: 500 });
	const { error } = await run({
		parameters: {
			...inpaintParameters(),
			nodeOptions: { statusMode: 'poll', pollIntervalMs: 100 },
		},
		items: [imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	expect(emulator().stats.requests.statusStream).toBe(0);
	// ~500 ms of work at one status request per 100 ms.
	expect(emulator().stats.requests.status).toBeGreaterThanOrEqual(3);
	expect(emulator().stats.requests.status).toBeLessThanOrEqual(9);
});

describe.each(['stream', 'poll'] as const)('Max Wait (%s)', (statusMode) => {
	test('cancels the fal request and names it in the error', async () => {
		emulator().configure({ inferenceTimeMs: 5000 });
		const started = Date.now();
		const { error } = await run({
			parameters: {
				...inpaintParameters(),
				nodeOptions: { maxWaitSeconds: 1, statusMode, pollIntervalMs: 100 },
			},
			items: [imageAndMaskItem()],
		});
		const elapsed = Date.now() - started;
		const [job] = emulator().jobs();
		expect(error?.message).toBe(
			`fal request ${job.requestId} did not finish within Max Wait (1 s)`,
		);
		expect(error?.description).toMatch(/It was cancelled at fal\./);
		expect(emulator().stats.cancelledRequestIds).toEqual([job.requestId]);
		expect(elapsed).toBeGreaterThanOrEqual(1000);
		expect(elapsed).toBeLessThan(3000);
	});

	test('with continueOnFail the timed-out item is an error item with the request id', async () => {
		emulator().configure({ inferenceTimeMs: 3000 });
		const { items } = await run({
			parameters: {
				...inpaintParameters(),
				nodeOptions: { maxWaitSeconds: 1, statusMode, pollIntervalMs: 100 },
			},
			items: [imageAndMaskItem()],
			continueOnFail: true,
		});
		const [job] = emulator().jobs();
		expect(items[0].json.error).toMatchObject({
			requestId: job.requestId,
			message: expect.stringMatching(/did not finish within Max Wait/),
		});
	});
});

describe.each(['stream', 'poll'] as const)('cancelling the execution (%s)', (statusMode) => {
	test('cancels every in-flight fal request, stops waiting and submits nothing more', async () => {
		emulator().configure({ inferenceTimeMs: 10_000 });
		let cancelledAt = 0;
		const { run: execution } = await run({
			// Two items run at a time: the third waits for a free slot, and never gets one.
			parameters: {
				...inpaintParameters(),
				nodeOptions: { statusMode, pollIntervalMs: 100, concurrency: 2 },
			},
			items: [imageAndMaskItem(), imageAndMaskItem(), imageAndMaskItem()],
			whileRunning: ({ cancel }) => {
				void (async () => {
					while (
						emulator()
							.jobs()
							.filter((job) => job.status === 'IN_PROGRESS').length < 2
					)
						await delay(10);
					cancelledAt = Date.now();
					cancel();
				})();
			},
		});
		expect(execution.status).toBe('canceled');
		expect(execution.data.resultData.runData['fal.ai'][0].error?.message).toMatch(
			/^Execution canceled while waiting for fal request /,
		);
		const jobs = emulator().jobs();
		expect(jobs).toHaveLength(2); // the third item was never submitted
		// The node asks fal to cancel each before the execution ends.
		await delay(50);
		expect([...emulator().stats.cancelledRequestIds].sort()).toEqual(
			jobs.map((job) => job.requestId).sort(),
		);
		expect(Date.now() - cancelledAt).toBeLessThan(2000);
	});
});
