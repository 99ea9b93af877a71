/**
 * Queue operations in n8n's engine against the emulator: a run that does not
 * wait (with fal's webhook), then Get Status, Get Result and Cancel by request
 * ID, as a workflow with a Wait node between them would use them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { expectedFillColour } from '../emulator';
import { startWebhookReceiver } from '../helpers/webhookReceiver';
import { pixelAt } from '../helpers/images';
import { bytesOf, imageAndMaskItem, inpaintParameters, RED, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

function queueParameters(operation: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'queueRequest', operation, model: 'fast-sdxl', ...extra };
}

/** Submits one inpainting without waiting; returns the node's output item. */
async function submit(extra: INodeParameters = {}): Promise<IDataObject> {
	const { items, error } = await run({
		parameters: inpaintParameters({ waitForCompletion: false, ...extra }),
		items: [imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	return items[0].json;
}

async function completed(requestId: string): Promise<void> {
	for (const deadline = Date.now() + 5000; Date.now() < deadline; await sleep(10)) {
		if (emulator().job(requestId)?.status === 'COMPLETED') return;
	}
	throw new Error(`job ${requestId} did not complete`);
}

test('a run without waiting returns the request ID and URLs at once, and fal calls the webhook when done', async () => {
	const receiver = await startWebhookReceiver();
	try {
		emulator().configure({ inferenceTimeMs: 300 });
		const submitted = await submit({ webhookUrl: receiver.url });
		const [job] = emulator().jobs();
		// Returned while the job still runs: no waiting, no result fetched.
		expect(job.status).not.toBe('COMPLETED');
		expect(emulator().stats.requests.result).toBe(0);
		expect(submitted).toEqual({
			requestId: job.requestId,
			endpoint: 'fal-ai/fast-sdxl/inpainting',
			status: 'IN_QUEUE',
			queuePosition: expect.any(Number),
			statusUrl: expect.stringContaining(`/requests/${job.requestId}/status`),
			responseUrl: expect.stringContaining(`/requests/${job.requestId}`),
			cancelUrl: expect.stringContaining(`/requests/${job.requestId}/cancel`),
			webhookUrl: receiver.url,
		});
		expect(job.webhookUrl).toBe(receiver.url);
		const webhook = await receiver.next();
		expect(webhook).toMatchObject({
			request_id: job.requestId,
			status: 'OK',
			payload: { images: [expect.objectContaining({ url: expect.any(String) })] },
		});
	} finally {
		await receiver.stop();
	}
});

test('Get Status reports the queue position, then the logs and metrics', async () => {
	emulator().configure({ queueTimeMs: 400, inferenceTimeMs: 50 });
	const { requestId } = await submit();
	const queued = await run({
		parameters: queueParameters('getStatus'),
		items: [{ json: { requestId } }],
	});
	expect(queued.items[0].json).toMatchObject({
		requestId,
		endpoint: 'fal-ai/fast-sdxl',
		status: 'IN_QUEUE',
		queuePosition: 0,
	});
	expect(queued.items[0].pairedItem).toEqual({ item: 0 });

	await completed(requestId as string);
	const done = await run({
		parameters: queueParameters('getStatus'),
		items: [{ json: { requestId } }],
	});
	expect(done.items[0].json).toMatchObject({
		status: 'COMPLETED',
		metrics: { inference_time: expect.any(Number) },
	});
	expect(
		(done.items[0].json.logs as Array<{ message: string }>).map((log) => log.message),
	).toContain('Done');

	const quiet = await run({
		parameters: queueParameters('getStatus', { includeLogs: false }),
		items: [{ json: { requestId } }],
	});
	expect(quiet.items[0].json.logs).toBeUndefined();
});

test('Get Result returns the output of a finished request with its images as binary data', async () => {
	const { requestId } = await submit();
	await completed(requestId as string);
	const { items, error } = await run({
		parameters: queueParameters('getResult'),
		items: [{ json: { requestId } }],
	});
	expect(error).toBeUndefined();
	const [item] = items;
	expect(item.json).toMatchObject({
		requestId,
		endpoint: 'fal-ai/fast-sdxl',
		seed: 42,
		prompt: 'a tiger on a bench',
	});
	const bytes = await bytesOf(item.binary!.image);
	expect(pixelAt(bytes, 5, 5)).toEqual(expectedFillColour('a tiger on a bench', 42));
	expect(pixelAt(bytes, 50, 50)).toEqual(RED);
	expect((item.json.images as IDataObject[])[0].binaryProperty).toBe('image');
});

test('Get Result finds the request ID in fal’s webhook call as a Wait node outputs it', async () => {
	const { requestId } = await submit();
	await completed(requestId as string);
	const waitNodeOutput = {
		headers: {},
		params: {},
		query: {},
		body: { request_id: requestId, status: 'OK', payload: {} },
	};
	const { items, error } = await run({
		parameters: queueParameters('getResult'),
		items: [{ json: waitNodeOutput }],
	});
	expect(error).toBeUndefined();
	expect(items[0].json.requestId).toBe(requestId);
	expect(items[0].binary?.image).toBeDefined();
});

test('Get Result of an unfinished request says so and fetches nothing', async () => {
	emulator().configure({ queueTimeMs: 2000 });
	const { requestId } = await submit();
	const { error } = await run({
		parameters: queueParameters('getResult'),
		items: [{ json: { requestId } }],
	});
	expect(error?.message).toBe(
		`fal request ${requestId} has not finished yet (IN_QUEUE, position 0)`,
	);
	expect(emulator().stats.requests.result).toBe(0);
});

test('Cancel stops a running request; a finished one is reported, not an error', async () => {
	emulator().configure({ queueTimeMs: 2000 });
	const running = await submit();
	const cancelled = await run({
		parameters: queueParameters('cancel'),
		items: [{ json: running }],
	});
	expect(cancelled.items[0].json).toEqual({
		requestId: running.requestId,
		endpoint: 'fal-ai/fast-sdxl',
		status: 'CANCELLATION_REQUESTED',
		cancelled: true,
	});
	expect(emulator().stats.cancelledRequestIds).toEqual([running.requestId]);

	emulator().configure({ queueTimeMs: 10 });
	const finished = await submit();
	await completed(finished.requestId as string);
	const late = await run({ parameters: queueParameters('cancel'), items: [{ json: finished }] });
	expect(late.items[0].json).toMatchObject({ status: 'ALREADY_COMPLETED', cancelled: false });
});

test('an unknown request ID gets fal’s answer with the ID; continueOnFail keeps the other items', async () => {
	const { requestId } = await submit();
	await completed(requestId as string);
	const unknown = '00000000-0000-0000-0000-000000000000';
	const { items } = await run({
		parameters: queueParameters('getStatus'),
		items: [{ json: { requestId: unknown } }, { json: { requestId } }],
		continueOnFail: true,
	});
	expect(items[0].json.error).toMatchObject({
		message: `fal returned 404 for fal-ai/fast-sdxl: Request ${unknown} not found`,
		requestId: unknown,
		endpoint: 'fal-ai/fast-sdxl',
	});
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(items[1].json).toMatchObject({ requestId, status: 'COMPLETED' });
});

test('a missing request ID or a bad webhook URL fails before any fal request', async () => {
	const missing = await run({ parameters: queueParameters('getResult'), items: [{ json: {} }] });
	expect(missing.error?.message).toMatch(/^Invalid Request ID in item 0: is empty/);

	const badHook = await run({
		parameters: inpaintParameters({
			waitForCompletion: false,
			webhookUrl: 'ftp://example.com/hook',
		}),
		items: [imageAndMaskItem()],
	});
	expect(badHook.error?.message).toMatch(
		/^Invalid Webhook URL in item 0: must be an http\(s\) URL/,
	);
	expect(emulator().stats.requests).toMatchObject({
		submit: 0,
		status: 0,
		result: 0,
		uploadInitiate: 0,
	});
});

test('Other Endpoint requests are looked up by the endpoint ID typed in', async () => {
	const { requestId } = await submit();
	await completed(requestId as string);
	const { items } = await run({
		parameters: queueParameters('getStatus', {
			model: 'other',
			endpointId: 'fal-ai/fast-sdxl/inpainting',
		}),
		items: [{ json: { requestId } }],
	});
	expect(items[0].json).toMatchObject({
		requestId,
		endpoint: 'fal-ai/fast-sdxl',
		status: 'COMPLETED',
	});
});
