/**
 * Resilience (issue 6): passing faults are retried with backoff on every route,
 * a submission only when fal certainly did not take it, failed jobs become
 * error items beside finished ones, and the API key shows up nowhere.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';
import {
	DOC_EXAMPLE_URLS,
	docExampleFiles,
	EMULATOR_FAL_KEY,
	type FaultRule,
	type FalEmulator,
	startFalEmulator,
} from '../emulator';
import { makePng } from '../helpers/images';
import { freePort } from '../helpers/ports';
import { falNodeType } from '../n8n/falNode';
import type { TestItem } from '../n8n/workflow';
import { bytesOf, inpaintParameters, MASK_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

/** Short backoffs keep the tests quick; the policy is the same as with the default 1 s. */
const FAST_RETRIES = { retryDelayMs: 5 };

/** n8n's logger, as nodes get it (`this.logger`), recording instead of printing. */
function captureLogs(): { lines: string[]; restore: () => void } {
	const original = Container.get(Logger);
	const lines: string[] = [];
	const record = (message: string, meta?: unknown) =>
		void lines.push(`${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	const capture = {
		error: record,
		warn: record,
		info: record,
		debug: record,
		scoped: () => capture,
	};
	Container.set(Logger, capture as unknown as Logger);
	return { lines, restore: () => Container.set(Logger, original) };
}

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
	logs = captureLogs();
});
afterEach(() => logs.restore());

/** Items with their own photo each and a shared mask, so uploads fault too. */
function items(count: number): TestItem[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { prompt: `item ${index}` },
		binary: {
			data: {
				bytes: makePng(32, 32, [index % 256, 90, 160]),
				mimeType: 'image/png',
				fileName: `photo-${index}.png`,
			},
			mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
		},
	}));
}

const parameters = (nodeOptions: INodeParameters = {}): INodeParameters => ({
	...inpaintParameters({ prompt: '={{ $json.prompt }}' }),
	nodeOptions: { ...FAST_RETRIES, ...nodeOptions },
});

/** About one call in five fails on every route, with faults a submission may safely be retried after. */
const TRANSIENT_FAULTS: FaultRule[] = [
	{ route: 'uploadInitiate', kind: 'unavailable', status: 503, rate: 0.1 },
	{ route: 'uploadInitiate', kind: 'drop', rate: 0.1 },
	{ route: 'uploadPut', kind: 'drop', rate: 0.1 },
	{ route: 'uploadPut', kind: 'unavailable', status: 502, rate: 0.1 },
	{ route: 'submit', kind: 'rate-limit', retryAfterSeconds: 0, rate: 0.1 },
	{ route: 'submit', kind: 'unavailable', status: 503, rate: 0.1 },
	{ route: 'statusStream', kind: 'drop', rate: 0.2 },
	{ route: 'status', kind: 'unavailable', status: 502, rate: 0.1 },
	{ route: 'status', kind: 'drop', rate: 0.1 },
	{ route: 'result', kind: 'unavailable', status: 504, rate: 0.1 },
	{ route: 'result', kind: 'drop', rate: 0.1 },
	{ route: 'file', kind: 'unavailable', status: 503, rate: 0.1 },
	{ route: 'file', kind: 'drop', rate: 0.1 },
];

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

describe('a submission is repeated only when fal certainly did not take it', () => {
	test.each([
		['a 429', { kind: 'rate-limit', retryAfterSeconds: 0 }],
		['a 503', { kind: 'unavailable', status: 503 }],
	] as const)('after %s it is sent again', async (_, fault) => {
		emulator().configure({ faults: [{ route: 'submit', calls: [1, 2], ...fault }] });
		const { items: output, error } = await run({ parameters: parameters(), items: items(1) });
		expect(error).toBeUndefined();
		expect(output[0].binary?.image).toBeDefined();
		expect(emulator().stats.requests.submit).toBe(3);
		expect(emulator().jobs()).toHaveLength(1);
	});

	test.each([
		[
			'a dropped connection',
			{ kind: 'drop' },
			/^Could not complete the fal request to fal-ai\/fast-sdxl\/inpainting: the connection was closed before an answer came$/,
		],
		[
			'a 502',
			{ kind: 'unavailable', status: 502 },
			/^fal returned 502 for fal-ai\/fast-sdxl\/inpainting: Service temporarily unavailable/,
		],
		[
			'a 504',
			{ kind: 'unavailable', status: 504 },
			/^fal returned 504 for fal-ai\/fast-sdxl\/inpainting: Service temporarily unavailable/,
		],
	] as const)('after %s it is not, and the error says why', async (_, fault, message) => {
		emulator().configure({ faults: [{ route: 'submit', calls: [1], ...fault }] });
		const { error } = await run({ parameters: parameters(), items: items(1) });
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(
			/fal may have accepted this submission .* so it was not sent again/,
		);
		expect(emulator().stats.requests.submit).toBe(1);
	});

	test('a refused connection (fal not reachable yet) is retried until it is', async () => {
		const port = await freePort();
		let late: FalEmulator | undefined;
		try {
			const starting = delay(300).then(
				async () =>
					(late = await startFalEmulator({
						port,
						queueTimeMs: 10,
						inferenceTimeMs: 30,
						remoteFiles: docExampleFiles(),
					})),
			);
			const { items: output, error } = await run({
				credentials: {
					apiKey: EMULATOR_FAL_KEY,
					proxyUrl: `http://127.0.0.1:${port}/api/fal/proxy`,
				},
				parameters: {
					...inpaintParameters({
						image_url_input: 'url',
						image_url: DOC_EXAMPLE_URLS.inpaintingImage,
						mask_url_input: 'url',
						mask_url: DOC_EXAMPLE_URLS.inpaintingMask,
					}),
					nodeOptions: { retryDelayMs: 100 },
				},
			});
			await starting;
			expect(error).toBeUndefined();
			expect(output[0].binary?.image).toBeDefined();
			expect(late!.stats.requests.submit).toBe(1);
			expect(logs.lines).toContainEqual(
				expect.stringMatching(/^fal\.ai: submit request failed \(ECONNREFUSED\); retry 1 of 5/),
			);
		} finally {
			await late?.stop();
		}
	});
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

test('failing jobs (422 and 5xx at the result) become error items with fal’s detail and request id; the others finish', async () => {
	emulator().configure({ faults: [{ route: 'submit', kind: 'fail-job', calls: [4] }] });
	const input = items(6);
	// Item 1 points fal at an image it cannot fetch: fal answers 422 at the result.
	input[1] = {
		json: { prompt: 'item 1', url: `${emulator().url}/files/missing/nothing.png` },
		binary: { mask: input[1].binary!.mask },
	};
	const { items: output } = await run({
		parameters: {
			...parameters(),
			image_url_input: '={{ $json.url ? "url" : "binary" }}',
			image_url: '={{ $json.url }}',
		},
		items: input,
		continueOnFail: true,
	});
	expect(output).toHaveLength(6);
	const jobs = new Map(
		emulator()
			.jobs()
			.map((job) => [job.requestId, job]),
	);
	const failed = output.filter((item) => item.json.error);
	expect(failed.map((item) => (item.pairedItem as { item: number }).item).includes(1)).toBe(true);
	expect(failed).toHaveLength(2);
	for (const item of failed) {
		const error = item.json.error as { message: string; requestId: string; endpoint: string };
		const job = jobs.get(error.requestId)!;
		expect(error.endpoint).toBe('fal-ai/fast-sdxl/inpainting');
		if (job.outcome?.status === 422)
			expect(error.message).toMatch(
				/^fal rejected the input .*Image URL \(image_url\): .+\[file_download_error\]/,
			);
		else
			expect(error.message).toMatch(
				/^fal returned 500 for fal-ai\/fast-sdxl\/inpainting: The runner stopped before the request finished\./,
			);
	}
	expect(
		new Set(
			failed.map(
				(item) => jobs.get((item.json.error as { requestId: string }).requestId)!.outcome?.status,
			),
		),
	).toEqual(new Set([422, 500]));
	const finished = output.filter((item) => !item.json.error);
	expect(finished).toHaveLength(4);
	for (const item of finished)
		expect((await bytesOf(item.binary!.image)).length).toBeGreaterThan(0);
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

describe('the API key', () => {
	const KEY = 'a1b2c3d4-key-id:5e6f7a8b9c0d-key-secret';
	const SECRET = KEY.split(':')[1];

	test('appears nowhere: not in output items, error messages and descriptions, the node description or the logs', async () => {
		emulator().configure({ keys: [EMULATOR_FAL_KEY, KEY] });
		const consoleLines: string[] = [];
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
			jest
				.spyOn(console, level)
				.mockImplementation(
					(...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')),
				),
		);
		const seen: unknown[] = [];
		const runWithKey = async (options: Parameters<typeof run>[0]) => {
			const result = await run({
				credentials: { apiKey: KEY, proxyUrl: emulator().proxyUrl },
				...options,
			});
			seen.push(result.items, result.errorOutput, result.messages, {
				message: result.error?.message,
				description: result.error?.description,
				context: result.error?.context,
			});
			return result;
		};
		try {
			// Success after retries (the retry log lines), a 422, a failed job, faults that outlast the retries.
			emulator().configure({ faults: TRANSIENT_FAULTS });
			expect((await runWithKey({ parameters: parameters(), items: items(4) })).items).toHaveLength(
				4,
			);
			emulator().configure({ faults: [{ route: 'submit', kind: 'fail-job', calls: [1] }] });
			await runWithKey({ parameters: parameters(), items: items(2), continueOnFail: true });
			emulator().configure({
				faults: [{ route: 'status', kind: 'unavailable', status: 502, rate: 1 }],
			});
			await runWithKey({
				parameters: parameters({ maxRetries: 1, statusMode: 'poll' }),
				items: items(1),
			});
			emulator().configure({ faults: [] });
			await runWithKey({
				parameters: {
					...parameters(),
					image_url_input: 'url',
					image_url: `${emulator().url}/files/missing/x.png`,
				},
				items: items(1),
			});
			// fal unreachable: a connection error, with the key in the request headers.
			const unreachable = await run({
				credentials: {
					apiKey: KEY,
					proxyUrl: `http://127.0.0.1:${await freePort()}/api/fal/proxy`,
				},
				parameters: parameters({ maxRetries: 1 }),
				items: items(1),
			});
			seen.push({
				message: unreachable.error?.message,
				description: unreachable.error?.description,
				context: unreachable.error?.context,
			});
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		// The key was in use: fal (the emulator) received it with every job.
		expect(
			emulator()
				.jobs()
				.every((job) => job.headers.authorization === `Key ${KEY}`),
		).toBe(true);
		expect(logs.lines.length).toBeGreaterThan(0);
		const everything = JSON.stringify([seen, logs.lines, consoleLines, falNodeType.description]);
		expect(everything).toContain('fal request ID');
		expect(everything).not.toContain(SECRET);
		expect(everything).not.toContain(KEY.split(':')[0]);
	}, 30_000);
});
