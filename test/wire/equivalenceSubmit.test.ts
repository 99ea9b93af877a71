/**
 * The node's submissions held to the one @fal-ai/client's for the same call,
 * both ways of reaching fal: with and without a webhook, with fal's queue
 * options, with Max Wait as the Start Timeout, and with Max Queue Length.
 */
import {
	emulator,
	ENDPOINT,
	captured,
	MODES,
	submitParameters,
	useWireEmulator,
} from './equivalenceSetup';

useWireEmulator();

describe.each(MODES)('%s', (_, mode) => {
	test.each([undefined, 'https://example.com/fal-webhook?run=1&step=a b'])(
		'submit (webhook: %s)',
		async (webhookUrl) => {
			let submitted: Record<string, unknown> = {};
			const fromNode = await captured(
				['submit'],
				async () => (submitted = await mode.node(submitParameters(webhookUrl))),
			);
			const { input } = emulator.job(String(submitted.requestId))!;
			const fromClient = await captured(['submit'], () =>
				mode.client().queue.submit(ENDPOINT, { input, ...(webhookUrl ? { webhookUrl } : {}) }),
			);
			expect(fromNode).toHaveLength(1);
			expect(fromNode[0].target).toBe(
				`queue.fal.run/${ENDPOINT}${webhookUrl ? `?fal_webhook=${encodeURIComponent(webhookUrl).replace(/%20/g, '+')}` : ''}`,
			);
			expect(fromNode).toEqual(fromClient);
		},
	);

	test("submit with fal's queue options: Start Timeout, low priority, no payloads kept, output files' lifetime", async () => {
		let submitted: Record<string, unknown> = {};
		const nodeOptions = {
			startTimeoutSeconds: 45,
			queuePriority: 'low',
			keepPayloads: false,
			outputLifetimeSeconds: 3600,
		};
		const fromNode = await captured(
			['submit'],
			async () => (submitted = await mode.node({ ...submitParameters(), nodeOptions })),
		);
		const { input } = emulator.job(String(submitted.requestId))!;
		const options = {
			input,
			startTimeout: 45,
			priority: 'low' as const,
			storageSettings: { expiresIn: 3600 },
			headers: { 'X-Fal-Store-IO': '0' },
		};
		const fromClient = await captured(['submit'], () =>
			mode.client().queue.submit(ENDPOINT, options),
		);
		expect(fromNode[0].headers).toMatchObject({
			'x-fal-request-timeout': '45',
			'x-fal-queue-priority': 'low',
			'x-fal-store-io': '0',
			'x-fal-object-lifecycle-preference': '{"expiration_duration_seconds":3600}',
		});
		expect(fromNode).toEqual(fromClient);
	});

	test('submit of a run that waits: Max Wait is sent as the Start Timeout', async () => {
		let output: Record<string, unknown> = {};
		const fromNode = await captured(
			['submit'],
			async () =>
				(output = await mode.node({
					...submitParameters(),
					waitForCompletion: true,
					nodeOptions: { maxWaitSeconds: 90 },
				})),
		);
		const { input } = emulator.job(String(output.requestId))!;
		const fromClient = await captured(['submit'], () =>
			mode.client().queue.submit(ENDPOINT, { input, startTimeout: 90 }),
		);
		expect(fromNode[0].headers['x-fal-request-timeout']).toBe('90');
		expect(fromNode).toEqual(fromClient);
	});

	test("submit with Max Queue Length: the client's request, plus fal_max_queue_length (which the client has no option for)", async () => {
		let submitted: Record<string, unknown> = {};
		const fromNode = await captured(
			['submit'],
			async () =>
				(submitted = await mode.node({
					...submitParameters(),
					nodeOptions: { maxQueueLength: 3 },
				})),
		);
		const { input } = emulator.job(String(submitted.requestId))!;
		const fromClient = await captured(['submit'], () =>
			mode.client().queue.submit(ENDPOINT, { input }),
		);
		expect(fromNode[0].target).toBe(`queue.fal.run/${ENDPOINT}?fal_max_queue_length=3`);
		// The query also travels in x-fal-target-url through a Proxy URL.
		expect(JSON.parse(JSON.stringify(fromNode).replaceAll('?fal_max_queue_length=3', ''))).toEqual(
			fromClient,
		);
	});
});
