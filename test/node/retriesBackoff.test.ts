/**
 * Passing faults are retried with backoff on every route (issue 6): a 429's
 * Retry-After is waited for, Max Retries bounds the tries, and a cancel
 * stops a backoff at once, while a cancel request of its own is retried.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { useEmulator } from './fixtures';
import { items, logs, parameters, TRANSIENT_FAULTS, useCapturedLogs } from './retriesSetup';

const { emulator, run } = useEmulator();
useCapturedLogs();

test('100 items with 20% passing faults on every route all succeed, each submitted exactly once', async () => {
	emulator().configure({ faults: TRANSIENT_FAULTS });
	// Eight retries: six faults in a row on one of the 600 requests (one in 15,000 at a 20 % rate) is not what this tests.
	const { items: output, error } = await run({
		parameters: parameters({ maxRetries: 8 }),
		items: items(100),
	});
	expect(error).toBeUndefined();
	expect(output).toHaveLength(100);
	expect(
		output.every(
			(item, index) =>
				item.binary?.image && item.json.prompt === `item ${index}` && !item.json.error,
		),
	).toBe(true);
	expect(emulator().jobs()).toHaveLength(100);
	const { requests, faultsInjected } = emulator().stats;
	// The faults did happen, on every route, and were retried.
	expect(faultsInjected).toBeGreaterThan(60);
	expect(requests.submit).toBeGreaterThan(105);
	expect(requests.uploadInitiate).toBeGreaterThan(106);
	expect(requests.result).toBeGreaterThan(105);
	expect(requests.file).toBeGreaterThan(105);
	expect(
		logs.lines.some((line) =>
			/^fal\.ai: submit request failed \((429|503)\); retry 1 of 8 in \d+ ms/.test(line),
		),
	).toBe(true);
}, 60_000);

test("a 429's Retry-After is waited for, not the shorter backoff", async () => {
	emulator().configure({
		faults: [{ route: 'result', kind: 'rate-limit', retryAfterSeconds: 1, calls: [1] }],
	});
	const started = Date.now();
	const { items: output, error } = await run({ parameters: parameters(), items: items(1) });
	expect(error).toBeUndefined();
	expect(output[0].binary?.image).toBeDefined();
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	expect(emulator().stats.requests.result).toBe(2);
	expect(logs.lines).toContainEqual(
		expect.stringMatching(/^fal\.ai: result request failed \(429\); retry 1 of 5 in 1000 ms/),
	);
});

test('a fault that outlasts Max Retries fails the item, saying how often it was tried', async () => {
	emulator().configure({
		faults: [{ route: 'result', kind: 'unavailable', status: 503, rate: 1 }],
	});
	const { error } = await run({ parameters: parameters({ maxRetries: 2 }), items: items(1) });
	const [job] = emulator().jobs();
	expect(error?.message).toBe(
		'fal returned 503 for fal-ai/fast-sdxl/inpainting: Service temporarily unavailable',
	);
	expect(error?.description).toBe(
		`fal request ID: ${job.requestId}\nTried 3 times (Node Options → Max Retries).`,
	);
	expect(emulator().stats.requests.result).toBe(3);
});

test('Max Retries 0 tries each request once', async () => {
	emulator().configure({
		faults: [{ route: 'file', kind: 'unavailable', status: 503, calls: [1] }],
	});
	const { error } = await run({ parameters: parameters({ maxRetries: 0 }), items: items(1) });
	expect(error?.message).toMatch(
		/^Could not complete the fal request to fal-ai\/fast-sdxl\/inpainting: Downloading http:\/\/127\.0\.0\.1:\d+\/files\/.+ failed: HTTP 503/,
	);
	expect(emulator().stats.requests.file).toBe(1);
});

test('cancelling the execution during a retry backoff stops at once; nothing is submitted', async () => {
	emulator().configure({
		faults: [{ route: 'submit', kind: 'rate-limit', retryAfterSeconds: 30, rate: 1 }],
	});
	let cancelledAt = 0;
	const { run: execution } = await run({
		parameters: parameters(),
		items: items(2),
		whileRunning: ({ cancel }) => {
			void (async () => {
				while (emulator().stats.requests.submit < 2) await delay(10);
				cancelledAt = Date.now();
				cancel();
			})();
		},
	});
	expect(execution.status).toBe('canceled');
	expect(Date.now() - cancelledAt).toBeLessThan(1000);
	expect(emulator().jobs()).toHaveLength(0);
});

test('a cancel that meets a passing fault is retried, though the execution is stopping', async () => {
	emulator().configure({
		inferenceTimeMs: 10_000,
		faults: [{ route: 'cancel', kind: 'unavailable', status: 503, calls: [1] }],
	});
	const { run: execution } = await run({
		parameters: parameters(),
		items: items(1),
		whileRunning: ({ cancel }) => {
			void (async () => {
				while (emulator().jobs()[0]?.status !== 'IN_PROGRESS') await delay(10);
				cancel();
			})();
		},
	});
	expect(execution.status).toBe('canceled');
	await delay(50);
	const [job] = emulator().jobs();
	expect(emulator().stats.requests.cancel).toBe(2);
	expect(emulator().stats.cancelledRequestIds).toEqual([job.requestId]);
});
