/**
 * Every workflow in examples/, run by a real n8n (npm's `n8n`, see runtime.ts)
 * with the package installed where the Community Nodes screen puts it, and a
 * `falApi` credential whose Proxy URL is the local fal emulator. Each example is
 * checked for what it produced: images as binary data, made from the right
 * inputs; fal's errors with fal's detail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
	CONTROL_STAND_IN_SIZE,
	decodeImage,
	DOC_EXAMPLE_URLS,
	docExampleFiles,
	EMULATOR_ADMIN_FAL_KEY,
	EMULATOR_FAL_KEY,
	expectedFillColour,
	IMAGE_SIZE_PRESETS,
	STICKER_MAKER_SEED,
	type FalEmulator,
	findEmulatedEndpoint,
	type Job,
	type RgbaImage,
	startFalEmulator,
} from '../emulator';
import { editedImage, generate } from '../emulator/images';
import { makeMp4 } from '../emulator/media';
import { valueOrDefault } from '../emulator/validate';
import { oracleClient } from '../helpers/falClient';
import { readDocPages } from '../helpers/falDocs';
import {
	type BinaryRef,
	type ExecuteResult,
	type ExecutionSummary,
	FINISHED_STATUSES,
	N8nInstance,
	REPO_ROOT,
	type RunTask,
	type WorkflowJson,
} from './n8n';
import { ensureN8n } from './runtime';
import { postUntilServed, submitWaitWorkflow } from './webhookWorkflows';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const exampleFiles = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort();
const docExamples = new Map(readDocPages().map((page) => [page.endpointId, page.example]));
const offlineCopies = docExampleFiles();

let emulator: FalEmulator;
let n8n: N8nInstance;
const workflows = new Map<string, WorkflowJson>();

/** Ids n8n accepts: letters and digits. */
function workflowId(file: string): string {
	return `e2e${basename(file, '.json').replace(/[^a-zA-Z0-9]/g, '')}`.slice(0, 32);
}

beforeAll(async () => {
	emulator = await startFalEmulator({
		remoteFiles: offlineCopies,
		queueTimeMs: 50,
		inferenceTimeMs: 150,
	});
	const runtime = ensureN8n();
	n8n = N8nInstance.create(runtime);
	// Another id than the examples' own: they name their credential, and n8n
	// must find it by that name, as when a user imports them.
	await n8n.importCredentials([
		{
			id: 'e2eFalCredential',
			name: 'fal.ai account',
			type: 'falApi',
			data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
		},
		// The spend report reads usage, which takes an admin key.
		{
			id: 'e2eFalAdminCredential',
			name: 'fal.ai admin key',
			type: 'falApi',
			data: { apiKey: EMULATOR_ADMIN_FAL_KEY, proxyUrl: emulator.proxyUrl },
		},
	]);
	for (const file of exampleFiles) {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
		workflows.set(file, { ...workflow, id: workflowId(file) });
	}
	// The URL example downloads from the internet; here it downloads the same picture from the emulator's CDN.
	const download = workflows
		.get('image-from-url.json')!
		.nodes.find((node) => node.name === 'Download Image')!;
	download.parameters.url = emulator.hostFile(
		offlineCopies[DOC_EXAMPLE_URLS.imageToImage],
		'image/jpeg',
		'tiger.jpeg',
	);
	// The workflow example names a workflow of the user's own account; here, the emulator account's.
	const stickers = workflows
		.get('run-fal-workflow.json')!
		.nodes.find((node) => node.name === 'Sticker Maker')!;
	(stickers.parameters.workflow as { value: string }).value = 'emulator/sticker-maker';
	await n8n.importWorkflows([...workflows.values()]);
}, 600_000);

afterAll(async () => {
	await n8n?.dispose();
	await emulator?.stop();
});

function falRun(result: ExecuteResult, node = 'fal.ai'): RunTask {
	const task = result.execution?.data.resultData.runData[node]?.[0];
	if (!task) {
		// Which nodes ran, and how: the run data itself is too long to print whole.
		const runData = result.execution?.data.resultData.runData ?? {};
		const ran = Object.entries(runData).map(
			([name, runs]) =>
				`${name}: ${runs.map((run) => `${run.executionStatus ?? '?'} ${run.data?.main.map((items) => items?.length ?? 0).join('/') ?? '-'} items${run.error ? ` (${run.error.message})` : ''}`).join('; ')}`,
		);
		throw new Error(
			`no run of "${node}" (exit ${result.code}); ran: ${ran.join(' | ') || 'nothing'}; error: ${result.execution?.data.resultData.error?.message ?? '-'}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
		);
	}
	return task;
}

function jobOf(requestId: unknown): Job {
	const job = emulator.job(String(requestId));
	if (!job) throw new Error(`the emulator has no job ${String(requestId)}`);
	return job;
}

/** Mean absolute difference per channel (JPEG output is close, not equal). */
function meanDifference(actual: RgbaImage, expected: RgbaImage): number {
	expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
	let total = 0;
	for (let offset = 0; offset < actual.data.length; offset += 4) {
		for (let channel = 0; channel < 3; channel++)
			total += Math.abs(actual.data[offset + channel] - expected.data[offset + channel]);
	}
	return total / ((actual.data.length / 4) * 3);
}

/** What the emulator's model makes from a job's inputs: the picture a correct run must return. */
function expectedImage(
	job: Job,
	seed: number,
	inputs: { image: Buffer; mask?: Buffer },
	size: { width: number; height: number },
	index = 0,
): RgbaImage {
	const { document } = findEmulatedEndpoint(job.endpointId)!;
	return generate({
		source: decodeImage(inputs.image),
		mask: inputs.mask ? decodeImage(inputs.mask) : undefined,
		...size,
		colour: expectedFillColour(String(job.input.prompt), seed, index),
		strength: valueOrDefault<number>(document, job.input, 'strength') ?? 0.95,
	});
}

/** Checks one output item: its image binary is the picture the job's inputs make. */
function expectImageFrom(
	item: { json: Record<string, unknown>; binary?: Record<string, BinaryRef> },
	inputs: { image: Buffer; mask?: Buffer },
): Job {
	const job = jobOf(item.json.requestId);
	const [image] = item.json.images as Array<{
		width: number;
		height: number;
		binaryProperty: string;
	}>;
	expect(image.binaryProperty).toBe('image');
	const binary = item.binary?.image;
	expect(binary?.mimeType).toMatch(/^image\//);
	const actual = decodeImage(n8n.binaryBytes(binary!));
	const expected = expectedImage(job, item.json.seed as number, inputs, image);
	expect(meanDifference(actual, expected)).toBeLessThan(4);
	return job;
}

/** POSTs to a published workflow's webhook, which n8n registers a few seconds after the server answers. */
const checks: Record<string, () => Promise<void>> = {};

// One per seed endpoint: fal's docs example, sent as the docs show it.
const seedExamples: Record<string, string> = {
	'playground-v25-inpaint.json': 'fal-ai/playground-v25/inpainting',
	'playground-v25-image-to-image.json': 'fal-ai/playground-v25/image-to-image',
	'fast-sdxl-inpaint.json': 'fal-ai/fast-sdxl/inpainting',
	'hyper-sdxl-inpaint.json': 'fal-ai/hyper-sdxl/inpainting',
	'fast-sdxl-controlnet-canny-inpaint.json': 'fal-ai/fast-sdxl-controlnet-canny/inpainting',
};
for (const [file, endpointId] of Object.entries(seedExamples)) {
	checks[file] = async () => {
		const result = await n8n.execute(workflowId(file));
		expect(result.code).toBe(0);
		const [item] = falRun(result).data!.main[0]!;
		const job = jobOf(item.json.requestId);
		expect(job.endpointId).toBe(endpointId);
		expect(job.input).toEqual(docExamples.get(endpointId));
		const inputs = {
			image: offlineCopies[job.input.image_url as string],
			mask: job.input.mask_url ? offlineCopies[job.input.mask_url as string] : undefined,
		};
		expectImageFrom(item, inputs);
		if (job.input.control_image_url) {
			// No image size in the docs' ControlNet example: fal takes the control image's.
			expect((item.json.images as Array<{ width: number }>)[0].width).toBe(CONTROL_STAND_IN_SIZE);
		}
	};
}

checks['inpaint-from-disk.json'] = async () => {
	const result = await n8n.execute(workflowId('inpaint-from-disk.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	// The uploaded photo and mask are the files on disk, byte for byte.
	const job = jobOf(item.json.requestId);
	const photo = readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'));
	const mask = readFileSync(join(n8n.workDir, 'examples/images/park-bench-mask.png'));
	expect(emulator.file(job.input.image_url as string)?.bytes.equals(photo)).toBe(true);
	expect(emulator.file(job.input.mask_url as string)?.bytes.equals(mask)).toBe(true);
	// Write Image wrote the result to disk.
	const written = readFileSync(join(n8n.workDir, `output/inpainted-${job.requestId}.png`));
	const [image] = item.json.images as Array<{ width: number; height: number }>;
	expect(
		meanDifference(
			decodeImage(written),
			expectedImage(job, item.json.seed as number, { image: photo, mask }, image),
		),
	).toBe(0);
};

checks['image-from-url.json'] = async () => {
	const result = await n8n.execute(workflowId('image-from-url.json'));
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const tiger = offlineCopies[DOC_EXAMPLE_URLS.imageToImage];
	const job = expectImageFrom(item, { image: tiger });
	// HTTP Request's download went to fal storage unchanged.
	expect(emulator.file(job.input.image_url as string)?.bytes.equals(tiger)).toBe(true);
	expect(job.input).toMatchObject({
		prompt: 'a tiger in a snowy forest, oil painting',
		strength: 0.6,
		seed: 7,
	});
};

checks['continue-on-fail.json'] = async () => {
	const workflow = workflows.get('continue-on-fail.json')!;
	const result = await n8n.execute(workflow.id!);
	expect(result.code).toBe(0);
	const [generated, failed] = falRun(result).data!.main;
	expect(generated).toHaveLength(2);
	for (const item of generated!) {
		const image = offlineCopies[String(jobOf(item.json.requestId).input.image_url)];
		expectImageFrom(item, { image });
	}
	expect(failed).toHaveLength(1);
	const [failure] = failed!;
	const missingUrl =
		'https://raw.githubusercontent.com/CompVis/latent-diffusion/main/data/inpainting_examples/no-such-image.png';
	const failedJob = emulator.jobs().find((job) => job.input.image_url === missingUrl)!;
	expect(failure.json).toMatchObject({
		image_url: missingUrl,
		error: { requestId: failedJob.requestId, endpoint: 'fal-ai/playground-v25/image-to-image' },
	});
	expect((failure.json.error as { message: string }).message).toMatch(
		/Image URL \(image_url\): Failed to download the file\..*\[file_download_error\]/,
	);
	expect(failure.pairedItem).toEqual({ item: 1 });
	// The error branch reached its node.
	expect(falRun(result, 'Failed').data!.main[0]).toHaveLength(1);

	// Without Continue the same workflow stops at the bad item, with fal's detail.
	const strict: WorkflowJson = {
		...workflow,
		id: `${workflow.id}Strict`,
		nodes: workflow.nodes.map((node) => ({ ...node, onError: undefined })),
	};
	await n8n.importWorkflows([strict]);
	const stopped = await n8n.execute(strict.id!);
	expect(stopped.code).toBe(1);
	const error = stopped.execution?.data.resultData.error;
	expect(error?.node?.name).toBe('fal.ai');
	expect(error?.message).toMatch(
		/^fal rejected the input for fal-ai\/playground-v25\/image-to-image: Image URL \(image_url\): Failed to download the file/,
	);
	expect(error?.description).toContain(
		`fal request ID: ${
			emulator
				.jobs()
				.filter((job) => job.input.image_url === missingUrl)
				.pop()!.requestId
		}`,
	);
};

checks['webhook-image-to-image.json'] = async () => {
	const id = workflowId('webhook-image-to-image.json');
	await n8n.activate(id);
	const url = await n8n.start();
	try {
		const photo = readFileSync(join(REPO_ROOT, 'examples/images/park-bench.png'));
		const endpoint = `${url}/webhook/fal-image-to-image?prompt=${encodeURIComponent('a watercolor of a park')}`;
		const answer = await postUntilServed(endpoint, 'image/png', photo);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('image/png');
		const body = Buffer.from(await answer.arrayBuffer());
		const job = emulator
			.jobs()
			.filter((candidate) => candidate.input.prompt === 'a watercolor of a park')
			.pop()!;
		expect(emulator.file(job.input.image_url as string)?.bytes.equals(photo)).toBe(true);
		const seed = (job.outcome!.body as { seed: number }).seed;
		expect(
			meanDifference(
				decodeImage(body),
				expectedImage(job, seed, { image: photo }, { width: 512, height: 512 }),
			),
		).toBe(0);
	} finally {
		await n8n.stop();
	}
};

checks['submit-wait-get-result.json'] = async () => {
	// As a production run: the Manual Trigger swapped for a Webhook trigger, so
	// that the execution runs, sleeps at the Wait node and is resumed by fal's
	// webhook inside one `n8n start` server.
	const workflow = submitWaitWorkflow(
		`${workflows.get('submit-wait-get-result.json')!.id}Hook`,
		'fal-submit-wait',
		'7c4d9a10-0000-4000-8000-00000000e2e1',
	);
	await n8n.importWorkflows([workflow]);
	await n8n.activate(workflow.id!);
	// Slow enough that fal's webhook comes after the Wait node has put the execution to sleep.
	emulator.configure({ inferenceTimeMs: 2000 });
	const url = await n8n.start();
	try {
		await n8n.signIn();
		const answer = await postUntilServed(
			`${url}/webhook/fal-submit-wait`,
			'application/json',
			'{}',
		);
		expect(answer.status).toBe(200);
		const execution = await n8n.waitForExecution(workflow.id!, { timeoutMs: 90_000 });
		expect(execution.data.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		const { runData } = execution.data.resultData;

		// Submit returned at once with the request ID and the execution's resume URL as fal's webhook.
		const [submitted] = runData.Submit[0].data!.main[0]!;
		const job = jobOf(submitted.json.requestId);
		expect(submitted.json).toMatchObject({
			endpoint: 'fal-ai/playground-v25/image-to-image',
			status: 'IN_QUEUE',
			webhookUrl: expect.stringContaining(`/webhook-waiting/${execution.id}`),
		});
		expect(job.webhookUrl).toBe(submitted.json.webhookUrl);

		// fal's POST reached n8n and resumed the Wait node with fal's payload.
		const delivery = emulator.stats.webhooks.find(
			(candidate) => candidate.body.request_id === job.requestId,
		);
		expect(delivery).toMatchObject({ delivered: true, status: 200 });
		const [resumed] = runData['Wait for fal'][0].data!.main[0]!;
		expect(resumed.json.body).toMatchObject({
			request_id: job.requestId,
			status: 'OK',
			payload: { seed: 11 },
		});

		// Get Result found the request ID in that call and returned the image made from the docs' tiger.
		const [result] = runData['Get Result'][0].data!.main[0]!;
		expect(result.json).toMatchObject({
			requestId: job.requestId,
			endpoint: 'fal-ai/playground-v25',
			seed: 11,
		});
		expectImageFrom(result, { image: offlineCopies[DOC_EXAMPLE_URLS.imageToImage] });
	} finally {
		emulator.configure({ inferenceTimeMs: 150 });
		await n8n.stop();
	}
};

checks['fal-webhook-receiver.json'] = async () => {
	// The receiving half of the two-workflow pattern: published, called by fal's (emulated, signed) webhook.
	const workflow = workflows.get('fal-webhook-receiver.json')!;
	await n8n.activate(workflow.id!);
	const url = await n8n.start();
	try {
		await n8n.signIn();
		const hook = `${url}/webhook/fal-webhook`;
		// A call not signed by fal (also how the test waits for the webhook to be live): it ends in "Not from fal".
		const forged = JSON.stringify({ request_id: 'not-a-fal-request', status: 'OK', payload: {} });
		expect((await postUntilServed(hook, 'application/json', forged)).status).toBe(200);
		const rejected = await n8n.waitForExecution(workflow.id!, { timeoutMs: 60_000 });
		expect(rejected.status).toBe('success');
		expect(
			rejected.data.resultData.runData["Verify fal's Signature"][0].data!.main[0]![0].json,
		).toMatchObject({ valid: false, reason: expect.stringContaining('missing headers') });
		expect(rejected.data.resultData.runData['Not from fal']).toBeDefined();
		expect(rejected.data.resultData.runData['Get Result']).toBeUndefined();

		// A real submission whose webhook is this workflow: fal's signed call is verified and its result fetched.
		const fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
		const { request_id: requestId } = await fal.queue.submit(
			'fal-ai/playground-v25/image-to-image',
			{
				input: {
					image_url: DOC_EXAMPLE_URLS.imageToImage,
					prompt: 'a tiger in a snowy forest, oil painting',
					seed: 11,
				},
				webhookUrl: hook,
			},
		);
		const execution = await n8n.waitForExecution(workflow.id!, {
			until: (summary) => summary.id !== rejected.id && FINISHED_STATUSES.includes(summary.status),
			timeoutMs: 60_000,
		});
		expect(execution.data.resultData.error).toBeUndefined();
		const { runData } = execution.data.resultData;
		expect(runData["Verify fal's Signature"][0].data!.main[0]![0].json).toMatchObject({
			valid: true,
			requestId,
			webhook: { request_id: requestId, status: 'OK' },
		});
		const [result] = runData['Get Result'][0].data!.main[0]!;
		expect(result.json).toMatchObject({ requestId, seed: 11 });
		expectImageFrom(result, { image: offlineCopies[DOC_EXAMPLE_URLS.imageToImage] });
	} finally {
		await n8n.stop();
	}
};

checks['other-endpoint.json'] = async () => {
	const result = await n8n.execute(workflowId('other-endpoint.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result, 'Remove Background').data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('fal-ai/imageutils/rembg');
	// The JSON input as typed, plus the photo from Read Photo uploaded into image_url.
	const photo = readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'));
	expect(job.input).toEqual({ crop_to_bbox: false, image_url: expect.any(String) });
	expect(emulator.file(job.input.image_url as string)?.bytes.equals(photo)).toBe(true);
	// fal's single `image` came back as the binary field `image`, byte for byte.
	const image = item.json.image as { url: string; binaryProperty: string };
	expect(image.binaryProperty).toBe('image');
	expect(n8n.binaryBytes(item.binary!.image).equals(emulator.file(image.url)!.bytes)).toBe(true);
};

// Any fal Endpoint (node version 2): typed fields, binary inputs, every kind of output file.
checks['image-edit-two-images.json'] = async () => {
	const result = await n8n.execute(workflowId('image-edit-two-images.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('fal-ai/nano-banana/edit');
	expect(job.input).toMatchObject({
		prompt: 'Put the lantern beside the park bench, at dusk',
		num_images: 1,
		output_format: 'png',
	});
	// Both pictures uploaded, in order, byte for byte as Read Files from Disk gave them.
	const photo = readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'));
	const lantern = readFileSync(join(n8n.workDir, 'examples/images/lantern.png'));
	const [first, second] = job.input.image_urls as string[];
	expect(emulator.file(first)?.bytes.equals(photo)).toBe(true);
	expect(emulator.file(second)?.bytes.equals(lantern)).toBe(true);
	const written = readFileSync(join(n8n.workDir, `output/edited-${job.requestId}.png`));
	expect(decodeImage(written)).toEqual(editedImage([decodeImage(photo), decodeImage(lantern)]));
};

checks['image-to-video.json'] = async () => {
	const result = await n8n.execute(workflowId('image-to-video.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('fal-ai/kling-video/v2.1/standard/image-to-video');
	expect(
		emulator
			.file(job.input.image_url as string)
			?.bytes.equals(readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'))),
	).toBe(true);
	expect(item.binary!.video).toMatchObject({ mimeType: 'video/mp4', fileName: 'output.mp4' });
	expect(n8n.binaryBytes(item.binary!.video).equals(makeMp4())).toBe(true);
	expect(
		readFileSync(join(n8n.workDir, `output/video-${job.requestId}.mp4`)).equals(makeMp4()),
	).toBe(true);
};

checks['text-to-speech.json'] = async () => {
	const result = await n8n.execute(workflowId('text-to-speech.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.input).toEqual({
		prompt: 'Your images are ready. The fal node has finished the batch.',
		voice: 'af_heart',
		speed: 1,
	});
	const audio = item.json.audio as { url: string; binaryProperty: string };
	expect(audio.binaryProperty).toBe('audio');
	expect(item.binary!.audio).toMatchObject({ mimeType: 'audio/wav', fileName: 'speech.wav' });
	const written = readFileSync(join(n8n.workDir, `output/speech-${job.requestId}.wav`));
	expect(written.equals(emulator.file(audio.url)!.bytes)).toBe(true);
	expect(written.subarray(8, 12).toString('latin1')).toBe('WAVE');
};

checks['daily-spend-report.json'] = async () => {
	// As the schedule runs it, published, with the morning rule swapped for every few seconds; and a
	// copy reading a period long past, for a day without spend.
	const example = workflows.get('daily-spend-report.json')!;
	const everyFewSeconds = (node: WorkflowJson['nodes'][number]) =>
		node.type === 'n8n-nodes-base.scheduleTrigger'
			? { ...node, parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } } }
			: node;
	const workflow: WorkflowJson = {
		...example,
		id: `${example.id}Sched`,
		nodes: example.nodes.map(everyFewSeconds),
	};
	const quietDay: WorkflowJson = {
		...workflow,
		id: `${example.id}Past`,
		nodes: workflow.nodes.map((node) =>
			node.name === 'fal.ai Usage'
				? {
						...node,
						parameters: {
							...node.parameters,
							start: '2020-01-01T00:00:00Z',
							end: '2020-01-02T00:00:00Z',
						},
					}
				: node,
		),
	};
	await n8n.importWorkflows([workflow, quietDay]);
	await n8n.activate(workflow.id!);
	await n8n.activate(quietDay.id!);
	await n8n.start();
	const finished = (summary: ExecutionSummary) => FINISHED_STATUSES.includes(summary.status);
	try {
		await n8n.signIn();
		// Some spend first: two inpaintings and one fal workflow run, by fal's own client.
		const fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
		const photo = emulator.hostFile(
			readFileSync(join(REPO_ROOT, 'examples/images/park-bench.png')),
			'image/png',
			'bench.png',
		);
		for (const prompt of ['a red bench', 'a blue bench']) {
			await fal.subscribe('fal-ai/fast-sdxl/inpainting', {
				input: { image_url: photo, mask_url: photo, prompt, image_size: { width: 64, height: 64 } },
				pollInterval: 20,
			});
		}
		const stickers: string = 'workflows/emulator/sticker-maker';
		await fal.subscribe(stickers, {
			input: { prompt: 'a cactus', image_size: 'square' },
			pollInterval: 20,
		});
		const spentBy = new Date().toISOString();
		// Every job of this run so far counts: all of them ended in the last 24 hours.
		const charges = emulator.jobs().flatMap((job) => job.charges);
		const spent = charges.reduce((sum, charge) => sum + charge.cost, 0);
		expect(spent).toBeGreaterThan(0);

		const execution = await n8n.waitForExecution(workflow.id!, {
			timeoutMs: 60_000,
			until: (summary) => finished(summary) && (summary.startedAt ?? '') > spentBy,
		});
		expect(execution.data.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		const { runData } = execution.data.resultData;
		const lines = runData['fal.ai Usage'][0].data!.main[0]!.map((item) => item.json);
		const endpoints = [...new Set(charges.map((charge) => charge.endpointId))].sort();
		expect(lines.map((line) => line.endpoint_id).sort()).toEqual(endpoints);
		const [report] = runData.Report[0].data!.main[0]!;
		expect(report.json.totalUsd).toBe(Math.round(spent * 100) / 100);
		expect(report.json.endpoints).toBe(endpoints.length);
		expect(report.json.text).toMatch(
			new RegExp(
				`^fal\\.ai spend, last 24 hours: \\$${spent.toFixed(2).replace('.', '\\.')} on ${endpoints.length} endpoint\\(s\\)\\. `,
			),
		);

		// A day without spend: the report still comes, saying $0.00.
		const quiet = await n8n.waitForExecution(quietDay.id!, { timeoutMs: 60_000 });
		expect(quiet.status).toBe('success');
		expect(quiet.data.resultData.runData.Report[0].data!.main[0]![0].json).toMatchObject({
			totalUsd: 0,
			endpoints: 0,
			text: 'fal.ai spend, last 24 hours: $0.00 on 0 endpoint(s). ',
		});
	} finally {
		await n8n.stop();
		// Later checks start this n8n again: the schedules must not keep firing there.
		for (const id of [workflow.id!, quietDay.id!]) await n8n.deactivate(id);
	}
};

checks['run-fal-workflow.json'] = async () => {
	const result = await n8n.execute(workflowId('run-fal-workflow.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result, 'Sticker Maker').data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('workflows/emulator/sticker-maker');
	expect(job.input).toEqual({
		prompt: 'a smiling avocado, sticker style',
		image_size: 'square',
		num_images: 1,
	});
	// The sticker written to disk is the workflow's image: FLUX's colour for the prompt and the workflow's seed, at the square preset.
	const sticker = decodeImage(
		readFileSync(join(n8n.workDir, `output/sticker-${job.requestId}.png`)),
	);
	expect([sticker.width, sticker.height]).toEqual([
		IMAGE_SIZE_PRESETS.square.width,
		IMAGE_SIZE_PRESETS.square.height,
	]);
	expect(Array.from(sticker.data.subarray(0, 3))).toEqual(
		expectedFillColour('a smiling avocado, sticker style', STICKER_MAKER_SEED, 0),
	);
};

test('every example in examples/ has an end-to-end check', () => {
	expect(exampleFiles).toEqual(Object.keys(checks).sort());
});

test.each(Object.keys(checks).sort())('%s', async (file) => await checks[file](), 180_000);
