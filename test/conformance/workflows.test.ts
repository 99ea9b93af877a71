/**
 * fal workflows: listed and described by the Platform API (`GET /workflows`,
 * `GET /workflows/{user}/{name}`), and run on the queue by the real
 * @fal-ai/client as `workflows/{user}/{name}`, whose own URL building (a
 * three-segment app) must meet the emulator's status, result and cancel
 * routes.
 */
import {
	EMULATOR_FAL_KEY,
	expectedFillColour,
	type FalEmulator,
	IMAGE_SIZE_PRESETS,
	type JsonSchema,
	sniffImageFormat,
	STICKER_MAKER_SEED,
	startFalEmulator,
	WORKFLOWS,
} from '../emulator';
import { ApiError, type FalClient, oracleClient, ValidationError } from '../helpers/falClient';
import { pixelAt } from '../helpers/images';
import { allPages, platform, type PlatformErrorBody } from '../helpers/platform';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

const STICKERS = 'workflows/emulator/sticker-maker';

interface WorkflowSummary {
	name: string;
	title: string;
	user_nickname: string;
	created_at: string;
	description?: string;
	tags: string[];
	endpoint_ids: string[];
}

interface WorkflowDetails {
	workflow: {
		name: string;
		title: string;
		user_nickname: string;
		is_public: boolean;
		created_at: string;
		contents: {
			schema: { input: JsonSchema; output: JsonSchema };
			nodes: Record<string, { type: string; app?: string }>;
		};
	};
}

let emulator: FalEmulator;
let fal: FalClient;

const call = <T>(path: string) => platform<T>(emulator.proxyUrl, path, { key: EMULATOR_FAL_KEY });

beforeAll(async () => {
	emulator = await startFalEmulator({ queueTimeMs: 20, inferenceTimeMs: 50 });
	fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
});

afterAll(() => emulator.stop());

beforeEach(() => {
	emulator.reset();
	emulator.configure({ queueTimeMs: 20, inferenceTimeMs: 50 });
});

describe('GET https://api.fal.ai/v1/workflows', () => {
	it("lists the account's workflows in pages", async () => {
		const { records, pages } = await allPages(
			emulator.proxyUrl,
			'/workflows',
			(page) => page.workflows as WorkflowSummary[],
			2,
			EMULATOR_FAL_KEY,
		);
		expect(pages).toBe(2);
		expect(records.map((workflow) => workflow.name)).toEqual(
			WORKFLOWS.map((workflow) => workflow.name),
		);
		for (const workflow of records) {
			expect(workflow).toEqual({
				name: expect.any(String),
				title: expect.any(String),
				user_nickname: 'emulator',
				created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				description: expect.any(String),
				tags: workflow.tags,
				endpoint_ids: workflow.endpoint_ids,
			});
			expect(Array.isArray(workflow.tags) && Array.isArray(workflow.endpoint_ids)).toBe(true);
		}
		expect(records[0]).toMatchObject({ name: 'sticker-maker', endpoint_ids: ['fal-ai/flux/dev'] });
		expect(records.find((workflow) => workflow.name === 'product-cutout')!.endpoint_ids).toEqual([
			'fal-ai/flux/dev',
			'fal-ai/imageutils/rembg',
		]);
	});

	it('searches names, titles, descriptions and tags', async () => {
		const { body } = await call<{ workflows: WorkflowSummary[] }>('/workflows?search=sticker');
		expect(body.workflows.map((workflow) => workflow.name)).toEqual(['sticker-maker']);
		expect(
			(await call<{ workflows: WorkflowSummary[] }>('/workflows?search=nothing-like-this')).body
				.workflows,
		).toEqual([]);
	});

	it('describes one workflow: its graph and its input and output schemas', async () => {
		const { status, body } = await call<WorkflowDetails>('/workflows/emulator/sticker-maker');
		expect(status).toBe(200);
		const { workflow } = body;
		expect(workflow).toMatchObject({
			name: 'sticker-maker',
			title: 'Sticker Maker',
			user_nickname: 'emulator',
			is_public: true,
		});
		const { input, output } = workflow.contents.schema;
		expect(input.required).toEqual(['prompt']);
		expect(input['x-fal-order-properties']).toEqual(['prompt', 'image_size', 'num_images']);
		expect(input.properties!.prompt).toMatchObject({ type: 'string' });
		expect(input.properties!.image_size).toMatchObject({
			type: 'string',
			enum: Object.keys(IMAGE_SIZE_PRESETS),
			default: 'square',
		});
		expect(input.properties!.num_images).toMatchObject({
			type: 'integer',
			minimum: 1,
			maximum: 4,
			default: 1,
		});
		expect(output.properties!.images).toMatchObject({
			type: 'array',
			items: { type: 'object', properties: { url: { type: 'string' } } },
		});
		expect(JSON.stringify(workflow.contents.schema)).not.toContain('$ref');
		expect(workflow.contents.nodes['node-image']).toMatchObject({
			type: 'run',
			app: 'fal-ai/flux/dev',
		});
	});

	it('answers 404 not_found for a workflow it does not have, 401 without a key', async () => {
		const missing = await call<PlatformErrorBody>('/workflows/emulator/no-such-workflow');
		expect(missing.status).toBe(404);
		expect(missing.body.error.type).toBe('not_found');
		expect((await platform(emulator.proxyUrl, '/workflows')).status).toBe(401);
	});
});

describe('running a workflow on the queue', () => {
	it('runs through the real client: submit, subscribeToStatus, result on the URLs it builds itself', async () => {
		emulator.configure({ capture: true });
		const prompt = 'a red fox sticker';
		const submitted = await fal.queue.submit(STICKERS, { input: { prompt, num_images: 2 } });
		const base = `https://queue.fal.run/${STICKERS}/requests/${submitted.request_id}`;
		expect(submitted).toMatchObject({
			status: 'IN_QUEUE',
			response_url: base,
			status_url: `${base}/status`,
			cancel_url: `${base}/cancel`,
		});

		for (const mode of ['polling', 'streaming'] as const) {
			const final = await fal.queue.subscribeToStatus(STICKERS, {
				requestId: submitted.request_id,
				logs: true,
				...(mode === 'polling' ? { mode, pollInterval: 20 } : { mode }),
			});
			expect(final.status).toBe('COMPLETED');
		}
		const { data, requestId } = await fal.queue.result(STICKERS, {
			requestId: submitted.request_id,
		});
		expect(requestId).toBe(submitted.request_id);
		const images = data.images as Array<{
			url: string;
			width: number;
			height: number;
			content_type: string;
		}>;
		expect(images).toHaveLength(2);
		for (const [index, image] of images.entries()) {
			// The default size (square), a PNG in the prompt's colour, as fal-ai/flux/dev paints.
			expect(image).toMatchObject({ width: 512, height: 512, content_type: 'image/png' });
			const bytes = Buffer.from(await (await fetch(image.url)).arrayBuffer());
			expect(sniffImageFormat(bytes)).toBe('png');
			expect(pixelAt(bytes, 256, 256)).toEqual(
				expectedFillColour(prompt, STICKER_MAKER_SEED, index),
			);
		}
		// The client built the status, stream and result URLs on the three-segment app, and the emulator answered them.
		const targets = emulator.captured
			.filter(
				(request) => request.route && ['status', 'statusStream', 'result'].includes(request.route),
			)
			.map((request) => request.target.split('?')[0]);
		expect(new Set(targets)).toEqual(new Set([`${base}/status`, `${base}/status/stream`, base]));
		const job = emulator.job(submitted.request_id)!;
		expect(job).toMatchObject({ endpointId: STICKERS, appId: STICKERS });
		expect(emulator.stats.submissions[STICKERS]).toBe(1);
	});

	it('answers the URLs of the submit answer as given', async () => {
		const submitted = await fal.queue.submit(STICKERS, {
			input: { prompt: 'given urls', image_size: 'square_hd' },
		});
		const get = (url: string) =>
			fetch(emulator.proxyUrl, {
				headers: { authorization: `Key ${EMULATOR_FAL_KEY}`, 'x-fal-target-url': url },
			});
		await fal.subscribe(STICKERS, { input: { prompt: 'subscribe works too' }, pollInterval: 20 });
		let status = await get(submitted.status_url);
		while (status.status === 202) status = await get(submitted.status_url);
		expect(await status.json()).toMatchObject({ status: 'COMPLETED' });
		const result = await get(submitted.response_url);
		expect(result.status).toBe(200);
		expect(((await result.json()) as { images: Array<{ width: number }> }).images[0].width).toBe(
			1024,
		);
	});

	it('answers 422 for input its schema refuses, as for an endpoint', async () => {
		for (const [input, loc] of [
			[{ prompt: 'too many', num_images: 9 }, ['body', 'num_images']],
			[{ num_images: 1 }, ['body', 'prompt']],
			[{ prompt: 'x', image_size: 'huge' }, ['body', 'image_size']],
		] as const) {
			const { request_id: requestId } = await fal.queue.submit(STICKERS, { input });
			await fal.queue.subscribeToStatus(STICKERS, { requestId, pollInterval: 20 });
			const error = await fal.queue.result(STICKERS, { requestId }).then(
				() => undefined,
				(caught: unknown) => caught,
			);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fieldErrors[0].loc).toEqual(loc);
		}
	});

	it('answers 404 for a workflow it does not have, and creates no job', async () => {
		const error = await fal.queue
			.submit('workflows/emulator/no-such-workflow', { input: { prompt: 'x' } })
			.then(
				() => undefined,
				(caught: unknown) => caught,
			);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError<unknown>).status).toBe(404);
		expect(emulator.jobs()).toEqual([]);
	});

	it('cancels, posts its webhook, and takes fault rules like an endpoint', async () => {
		emulator.configure({ queueTimeMs: 5_000 });
		const waiting = await fal.queue.submit(STICKERS, { input: { prompt: 'never mind' } });
		await fal.queue.cancel(STICKERS, { requestId: waiting.request_id });
		expect(emulator.stats.cancelledRequestIds).toEqual([waiting.request_id]);
		await expect(
			fal.queue.result(STICKERS, { requestId: waiting.request_id }),
		).rejects.toMatchObject({ status: 400, body: { error_type: 'request_cancelled' } });

		emulator.configure({
			queueTimeMs: 20,
			faults: [{ route: 'submit', kind: 'fail-job', endpointId: STICKERS, calls: [2] }],
		});
		const receiver = await startWebhookReceiver();
		try {
			const failing = await fal.queue.submit(STICKERS, {
				input: { prompt: 'doomed' },
				webhookUrl: receiver.url,
			});
			expect(await receiver.next()).toMatchObject({
				request_id: failing.request_id,
				status: 'ERROR',
				payload: { error_type: 'runner_disconnected' },
			});
			const fine = await fal.queue.submit(STICKERS, {
				input: { prompt: 'fine' },
				webhookUrl: receiver.url,
			});
			expect(await receiver.next()).toMatchObject({
				request_id: fine.request_id,
				status: 'OK',
				payload: { images: [expect.any(Object)] },
			});
		} finally {
			await receiver.stop();
		}
	});

	it('runs multi-node workflows, billed as the endpoints their nodes called', async () => {
		const cutout = await fal.subscribe('workflows/emulator/product-cutout', {
			input: { prompt: 'a teapot' },
			pollInterval: 20,
		});
		expect(cutout.data).toEqual({
			image: expect.objectContaining({
				width: 512,
				height: 512,
				url: expect.stringContaining('/files/'),
			}),
		});
		const speech = await fal.subscribe('workflows/emulator/read-aloud', {
			input: { text: 'Hello from a workflow.' },
			pollInterval: 20,
		});
		expect(speech.data).toEqual({
			audio: expect.objectContaining({ content_type: 'audio/wav', file_name: 'speech.wav' }),
		});

		const usage = await platform<{ summary: Array<{ endpoint_id: string; quantity: number }> }>(
			emulator.proxyUrl,
			'/models/usage',
			{ key: 'admin-key-id:admin-key-secret' },
		);
		expect(
			Object.fromEntries(usage.body.summary.map((line) => [line.endpoint_id, line.quantity])),
		).toEqual({
			'fal-ai/flux/dev': 0.262144,
			'fal-ai/imageutils/rembg': 1,
			'fal-ai/kokoro/american-english': 'Hello from a workflow.'.length / 1000,
		});
	});
});
