/**
 * A submission is sent again only when fal certainly did not take it (issue
 * 6), so that nothing is paid for twice; and jobs that fail become error
 * items beside the finished ones.
 */
import { setTimeout as delay } from 'node:timers/promises';
import {
	DOC_EXAMPLE_URLS,
	docExampleFiles,
	EMULATOR_FAL_KEY,
	type FalEmulator,
	startFalEmulator,
} from '../emulator';
import { freePort } from '../helpers/ports';
import { bytesOf, inpaintParameters, useEmulator } from './fixtures';
import { items, logs, parameters, useCapturedLogs } from './retriesSetup';

const { emulator, run } = useEmulator();
useCapturedLogs();

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
