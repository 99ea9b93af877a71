/**
 * Concurrency: Auto (the default) against the emulator's per-key limit K,
 * which the node is not told: it runs as many items as fal runs at once,
 * with few waiting in fal's queue; and a run that stops early cancels what
 * is still queued at fal, sends nothing more, and names what fal finished.
 */
import type { INodeParameters } from 'n8n-workflow';
import { type Job, peakInFlight, peakRunning, peakWaiting } from '../emulator';
import { makePng } from '../helpers/images';
import type { TestItem } from '../n8n/workflow';
import { inpaintParameters, MASK_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

function items(count: number): TestItem[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { prompt: `item ${index}` },
		binary: {
			data: {
				bytes: makePng(16, 16, [index % 256, 100, 50]),
				mimeType: 'image/png',
				fileName: `photo-${index}.png`,
			},
			mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
		},
	}));
}

const parameters = (nodeOptions: INodeParameters = {}): INodeParameters => ({
	...inpaintParameters({ prompt: '={{ $json.prompt }}' }),
	nodeOptions,
});

describe('Auto', () => {
	test.each([1, 3, 8])(
		'finds the account limit K = %i: runs K at once, never more than 4 waiting, outputs in order',
		async (limit) => {
			emulator().configure({ concurrency: limit, queueTimeMs: 10, inferenceTimeMs: 150 });
			const { items: output, error } = await run({ parameters: parameters(), items: items(16) });
			expect(error).toBeUndefined();
			expect(output.map((item) => item.json.prompt)).toEqual(
				Array.from({ length: 16 }, (_, index) => `item ${index}`),
			);
			const jobs = emulator().jobs();
			expect(jobs).toHaveLength(16);
			expect(peakRunning(jobs)).toBe(limit);
			expect(peakWaiting(jobs)).toBeLessThanOrEqual(4);
		},
	);

	test('without a limit at fal, it grows to every item at once, up to Max Concurrency at fal', async () => {
		emulator().configure({ queueTimeMs: 10, inferenceTimeMs: 300 });
		await run({ parameters: parameters(), items: items(20) });
		expect(peakRunning(emulator().jobs())).toBe(20);
		emulator().reset();
		emulator().configure({ queueTimeMs: 10, inferenceTimeMs: 300 });
		await run({ parameters: parameters({ maxConcurrency: 6 }), items: items(20) });
		// Six at fal at most, running or waiting.
		expect(peakInFlight(emulator().jobs())).toBe(6);
		expect(peakRunning(emulator().jobs())).toBeLessThanOrEqual(6);
	});

	test('a fixed Concurrency is kept, whatever fal could run', async () => {
		emulator().configure({ concurrency: 2, queueTimeMs: 10, inferenceTimeMs: 100 });
		await run({ parameters: parameters({ concurrency: 6 }), items: items(12) });
		// Six in flight: two running at fal, the others waiting in its queue (Auto would not queue them).
		expect(peakInFlight(emulator().jobs())).toBe(6);
		expect(peakWaiting(emulator().jobs())).toBeGreaterThanOrEqual(4);
	});
});

describe('a run that stops early', () => {
	/** Jobs fal started after `at`. */
	const startedAfter = (jobs: Job[], at: number) =>
		jobs.filter((job) => job.startedAt !== undefined && job.startedAt > at);

	test('the first failure: queued requests cancelled at fal, nothing more sent, finished ones named', async () => {
		// K = 2; the first submission fails when it runs; the next items finish or wait in fal's queue.
		emulator().configure({
			concurrency: 2,
			queueTimeMs: 10,
			inferenceTimeMs: 300,
			faults: [{ route: 'submit', kind: 'fail-job', calls: [3] }],
		});
		const { error } = await run({ parameters: parameters(), items: items(20) });
		expect(error?.message).toMatch(/^fal returned 500 for fal-ai\/fast-sdxl\/inpainting/);
		const jobs = emulator().jobs();
		const failed = jobs.find((job) => job.outcome?.status === 500)!;
		// After the failure fal ran at most the K requests already running; the queued ones were cancelled before starting.
		expect(startedAfter(jobs, failed.completedAt!).length).toBeLessThanOrEqual(2);
		const cancelledWhileQueued = jobs.filter((job) => job.cancelled && job.startedAt === undefined);
		expect(cancelledWhileQueued.length).toBeGreaterThan(0);
		expect(jobs.filter((job) => job.status !== 'COMPLETED')).toEqual([]);
		expect(jobs.length).toBeLessThan(20);
		// The error names the requests fal finished for other items, and what was cancelled or never sent.
		const finished = jobs.filter((job) => job.outcome?.status === 200);
		expect(finished.length).toBeGreaterThan(0);
		for (const job of finished) expect(error?.description).toContain(job.requestId);
		expect(error?.description).toContain('get their output with Queue Request → Get Result');
		expect(error?.description).toContain(
			`${cancelledWhileQueued.length} request${cancelledWhileQueued.length === 1 ? ' was' : 's were'} cancelled while queued at fal (not billed).`,
		);
		expect(error?.description).toContain(`${20 - jobs.length} items were not sent to fal.`);
	});

	test('Max Wait passing for one item stops the run the same way', async () => {
		emulator().configure({ concurrency: 1, queueTimeMs: 10, inferenceTimeMs: 1500 });
		const { error } = await run({
			parameters: parameters({ maxWaitSeconds: 1, concurrency: 3 }),
			items: items(6),
		});
		expect(error?.message).toMatch(/did not finish within Max Wait \(1 s\)/);
		const jobs = emulator().jobs();
		expect(jobs).toHaveLength(3);
		expect(jobs.every((job) => job.status === 'COMPLETED' && job.cancelled)).toBe(true);
		expect(jobs.filter((job) => job.startedAt !== undefined)).toHaveLength(1);
	});

	test('under Continue On Fail nothing stops: the others run, the failure is an error item', async () => {
		emulator().configure({
			concurrency: 2,
			queueTimeMs: 10,
			inferenceTimeMs: 50,
			faults: [{ route: 'submit', kind: 'fail-job', calls: [1] }],
		});
		const { items: output, error } = await run({
			parameters: parameters(),
			items: items(8),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => Boolean(item.json.error))).toEqual([
			true,
			false,
			false,
			false,
			false,
			false,
			false,
			false,
		]);
		expect(
			emulator()
				.jobs()
				.filter((job) => job.cancelled),
		).toEqual([]);
	});
});
