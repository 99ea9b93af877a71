/**
 * The checks of the examples that need `n8n start`: a production webhook,
 * Submit → Wait → fal's webhook → Get Result, fal's signed webhook verified,
 * and a scheduled spend report. Each stops the server when done: the next
 * check starts it again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage, DOC_EXAMPLE_URLS, EMULATOR_FAL_KEY } from '../emulator';
import { oracleClient } from '../helpers/falClient';
import { expectedImage, expectImageFrom, jobOf, meanDifference } from './examplesExpect';
import { emulator, n8n, offlineCopies, workflowId, workflows } from './examplesSetup';
import type { WorkflowJson } from './n8n';
import { REPO_ROOT } from './n8nPackage';
import { type ExecutionSummary, FINISHED_STATUSES } from './n8nRest';
import { postUntilServed, submitWaitWorkflow } from './webhookWorkflows';

/** The check of each example, by its file name. */
export const servedChecks: Record<string, () => Promise<void>> = {};

servedChecks['webhook-image-to-image.json'] = async () => {
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

servedChecks['submit-wait-get-result.json'] = async () => {
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

servedChecks['fal-webhook-receiver.json'] = async () => {
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

servedChecks['daily-spend-report.json'] = async () => {
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
