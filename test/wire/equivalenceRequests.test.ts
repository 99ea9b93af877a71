/**
 * The node's requests about a submitted request held to the one
 * @fal-ai/client's for the same call, both ways of reaching fal: status with
 * and without logs, the status stream and the result of a run that waits,
 * Get Result, and cancel.
 */
import {
	captured,
	emulator,
	ENDPOINT,
	finishedRequest,
	MODES,
	queueRequest,
	submitParameters,
	submittedRequest,
	useWireEmulator,
} from './equivalenceSetup';

useWireEmulator();

describe.each(MODES)('%s', (_, mode) => {
	test.each([true, false])('status (logs: %s)', async (logs) => {
		const requestId = await finishedRequest(mode.client());
		const fromNode = await captured(['status'], () =>
			mode.node(queueRequest('getStatus', requestId, { includeLogs: logs })),
		);
		const fromClient = await captured(['status'], () =>
			mode.client().queue.status(ENDPOINT, { requestId, logs }),
		);
		expect(fromNode.map((request) => request.target)).toEqual([
			`queue.fal.run/fal-ai/fast-sdxl/requests/<id>/status?logs=${logs ? 1 : 0}`,
		]);
		expect(fromNode).toEqual(fromClient);
	});

	test('status stream, then result: a run that waits', async () => {
		emulator.configure({ inferenceTimeMs: 300 });
		let output: Record<string, unknown> = {};
		const fromNode = await captured(
			['statusStream', 'result'],
			async () => (output = await mode.node({ ...submitParameters(), waitForCompletion: true })),
		);
		expect(output.images).toHaveLength(1);
		const client = mode.client();
		const { request_id: requestId } = await client.queue.submit(ENDPOINT, {
			input: emulator.job(String(output.requestId))!.input,
		});
		const fromClient = await captured(['statusStream', 'result'], async () => {
			await (await client.queue.streamStatus(ENDPOINT, { requestId, logs: true })).done();
			await client.queue.result(ENDPOINT, { requestId });
		});
		expect(fromNode.map((request) => request.route)).toEqual(['statusStream', 'result']);
		expect(fromNode).toEqual(fromClient);
	});

	test('result: Get Result of a finished request (a status check, then the result)', async () => {
		const requestId = await finishedRequest(mode.client());
		const fromNode = await captured(['status', 'result'], () =>
			mode.node(queueRequest('getResult', requestId)),
		);
		const client = mode.client();
		const fromClient = await captured(['status', 'result'], async () => {
			await client.queue.status(ENDPOINT, { requestId, logs: false });
			await client.queue.result(ENDPOINT, { requestId });
		});
		expect(fromNode.map((request) => request.route)).toEqual(['status', 'result']);
		expect(fromNode).toEqual(fromClient);
	});

	test('cancel', async () => {
		emulator.configure({ inferenceTimeMs: 5000 });
		const client = mode.client();
		const [first, second] = [await submittedRequest(client), await submittedRequest(client)];
		const fromNode = await captured(['cancel'], () => mode.node(queueRequest('cancel', first)));
		const fromClient = await captured(['cancel'], () =>
			client.queue.cancel(ENDPOINT, { requestId: second }),
		);
		expect(fromNode.map((request) => request.route)).toEqual(['cancel']);
		expect(fromNode).toEqual(fromClient);
	});
});
