/**
 * fal's queue options as Node Options, in n8n's engine against the emulator,
 * checked by their effect: a start timeout that fal answers 504 (nothing
 * run, not retried), Max Wait as the default start timeout, low priority
 * served after normal, no payloads kept, output files gone after their
 * lifetime, a full queue refused (429, nothing billed).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, type Job } from '../emulator';
import { oracleClient } from '../helpers/falClient';
import { imageAndMaskItem, inpaintParameters, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const ENDPOINT = 'fal-ai/fast-sdxl/inpainting';
const withOptions = (
	nodeOptions: INodeParameters,
	extra: INodeParameters = {},
): INodeParameters => ({ ...inpaintParameters(extra), nodeOptions });
const job = (requestId: unknown): Job => emulator().job(String(requestId))!;

/** A job of the same key that holds fal's only slot (emulator concurrency 1) until cancelled. */
async function blocker(): Promise<() => Promise<void>> {
	const client = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator().proxyUrl });
	const input = {
		image_url: emulator().hostFile(Buffer.from('x'), 'image/png', 'x.png'),
		mask_url: emulator().hostFile(Buffer.from('x'), 'image/png', 'y.png'),
		prompt: 'hold',
	};
	const { request_id: requestId } = await client.queue.submit(ENDPOINT, { input });
	for (
		const deadline = Date.now() + 5000;
		job(requestId).status !== 'IN_PROGRESS' && Date.now() < deadline;
	)
		await sleep(5);
	return async () => void (await client.queue.cancel(ENDPOINT, { requestId }));
}

test('Start Timeout: a request fal could not start in time fails clearly; fal ran nothing, and it is not retried', async () => {
	emulator().configure({ concurrency: 1, inferenceTimeMs: 10_000 });
	const release = await blocker();
	try {
		const started = Date.now();
		const { error } = await run({
			parameters: withOptions({ startTimeoutSeconds: 1.5 }),
			items: [imageAndMaskItem()],
		});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(error?.message).toBe(
			`fal did not start the request to ${ENDPOINT} within its Start Timeout: it ran nothing (504)`,
		);
		expect(error?.description).toContain('Nothing ran, so nothing is billed.');
		const timedOut = emulator()
			.jobs()
			.find((each) => each.input.prompt === 'a tiger on a bench')!;
		expect(timedOut).toMatchObject({ timedOutBeforeStart: true, charges: [] });
		expect(timedOut.headers['x-fal-request-timeout']).toBe('1.5');
		expect(emulator().stats.requests.result).toBe(1);
	} finally {
		await release();
	}
});

test('Start Timeout defaults to Max Wait while waiting, and is not sent without waiting unless set', async () => {
	const waited = await run({
		parameters: withOptions({ maxWaitSeconds: 30 }),
		items: [imageAndMaskItem()],
	});
	expect(job(waited.items[0].json.requestId).headers['x-fal-request-timeout']).toBe('30');
	const unset = await run({
		parameters: withOptions({}, { waitForCompletion: false }),
		items: [imageAndMaskItem()],
	});
	expect(job(unset.items[0].json.requestId).headers).not.toHaveProperty('x-fal-request-timeout');
	const set = await run({
		parameters: withOptions({ startTimeoutSeconds: 120 }, { waitForCompletion: false }),
		items: [imageAndMaskItem()],
	});
	expect(job(set.items[0].json.requestId).headers['x-fal-request-timeout']).toBe('120');
});

test('Queue Priority low: served after a normal request that came later', async () => {
	emulator().configure({ concurrency: 1, inferenceTimeMs: 300 });
	const release = await blocker();
	const low = await run({
		parameters: withOptions({ queuePriority: 'low' }, { waitForCompletion: false }),
		items: [imageAndMaskItem()],
	});
	for (
		const deadline = Date.now() + 5000;
		!job(low.items[0].json.requestId).ready && Date.now() < deadline;
	)
		await sleep(5);
	const normal = await run({
		parameters: withOptions({}, { waitForCompletion: false }),
		items: [imageAndMaskItem()],
	});
	const [lowJob, normalJob] = [
		job(low.items[0].json.requestId),
		job(normal.items[0].json.requestId),
	];
	// Both wait for the slot, the low one since before the normal one came.
	for (const deadline = Date.now() + 5000; !normalJob.ready && Date.now() < deadline;)
		await sleep(5);
	await release();
	for (
		const deadline = Date.now() + 5000;
		(lowJob.status !== 'COMPLETED' || normalJob.status !== 'COMPLETED') && Date.now() < deadline;
	)
		await sleep(10);
	expect(lowJob.options.priority).toBe('low');
	expect(lowJob.startedAt!).toBeGreaterThanOrEqual(normalJob.completedAt!);
});

test('Keep Payloads on fal off: the request history has no payloads of it', async () => {
	const kept = await run({ parameters: withOptions({}), items: [imageAndMaskItem()] });
	const hidden = await run({
		parameters: withOptions({ keepPayloads: false }),
		items: [imageAndMaskItem()],
	});
	expect(job(hidden.items[0].json.requestId).headers['x-fal-store-io']).toBe('0');
	const history = await run({
		parameters: {
			resource: 'account',
			operation: 'listRequests',
			endpoint: { __rl: true, mode: 'id', value: ENDPOINT },
			includePayloads: true,
			returnAll: true,
		},
	});
	const byId = Object.fromEntries(history.items.map((item) => [item.json.request_id, item.json]));
	expect(byId[String(kept.items[0].json.requestId)]).toHaveProperty('json_input');
	expect(byId[String(hidden.items[0].json.requestId)]).not.toHaveProperty('json_input');
	expect(byId[String(hidden.items[0].json.requestId)]).not.toHaveProperty('json_output');
});

test('Output Files Lifetime: the node still gets the files as binary; fal deletes them after their lifetime', async () => {
	const { items, error } = await run({
		parameters: withOptions({ outputLifetimeSeconds: 1 }),
		items: [imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	expect(items[0].binary?.image?.mimeType).toBe('image/png');
	const url = (items[0].json.images as Array<{ url: string }>)[0].url;
	expect(job(items[0].json.requestId).headers['x-fal-object-lifecycle-preference']).toBe(
		'{"expiration_duration_seconds":1}',
	);
	await sleep(Math.max(0, job(items[0].json.requestId).completedAt! + 1100 - Date.now()));
	expect((await fetch(url)).status).toBe(404);
});

test('Max Queue Length: a full queue fails the item at once; nothing is queued or billed, and it is not retried', async () => {
	emulator().configure({ queueTimeMs: 5000 });
	const waiting = await run({
		parameters: withOptions({}, { waitForCompletion: false }),
		items: [imageAndMaskItem(), imageAndMaskItem()],
	});
	expect(waiting.items).toHaveLength(2);
	const { error, items } = await run({
		parameters: withOptions({ maxQueueLength: 2 }),
		items: [imageAndMaskItem(), imageAndMaskItem()],
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => (item.json.error as IDataObject).message)).toEqual([
		`fal's queue for ${ENDPOINT} is longer than Max Queue Length: fal refused the request (429)`,
		`fal's queue for ${ENDPOINT} is longer than Max Queue Length: fal refused the request (429)`,
	]);
	expect((items[0].json.error as IDataObject).description).toContain('nothing is billed');
	expect(emulator().jobs()).toHaveLength(2);
	// Two refused submissions, each sent once.
	expect(emulator().stats.requests.submit).toBe(4);
	for (const item of waiting.items)
		await run({
			parameters: { resource: 'queueRequest', operation: 'cancel', model: 'fast-sdxl' },
			items: [{ json: item.json }],
		});
});

test('bad queue options fail before anything is sent, naming the option', async () => {
	const { error } = await run({
		parameters: withOptions({ startTimeoutSeconds: 1 }),
		items: [imageAndMaskItem()],
	});
	expect(error?.message).toBe(
		'Invalid Start Timeout (Seconds) in item 0: must be more than 1, got 1',
	);
	expect(emulator().stats.requests.submit + emulator().stats.requests.uploadInitiate).toBe(0);
});
