/**
 * n8n's queue mode, for real (npm run test:e2e:queue): PostgreSQL and Redis
 * from Debian (services.ts), n8n 2.41.1 as one main, two workers and one
 * webhook processor, binary data in the database (queue mode's default),
 * the package installed in the instance's user folder that every process
 * shares, the fal emulator behind the credential's Proxy URL.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	docExampleFiles,
	EMULATOR_FAL_KEY,
	expectedFillColour,
	type FalEmulator,
	startFalEmulator,
} from '../emulator';
import { pixelAt } from '../helpers/images';
import { type QueueCluster, signalGroup, startQueueCluster } from './queueCluster';
import { BATCH, colourOf, EARLY, ITEMS, KILL, MASK, STOP, WAIT } from './queueModeWorkflows';
import { ensureN8n } from './runtime';

const EXECUTIONS = 10;

let emulator: FalEmulator;
let cluster: QueueCluster;
let root: string;

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'n8n-queue-e2e-'));
	// PostgreSQL runs as its own user (services.ts): it must reach its folder in here.
	chmodSync(root, 0o755);
	// fal's webhook retries, compressed: 1 s, 1.5 s, 2 s, 4 s.
	emulator = await startFalEmulator({
		remoteFiles: docExampleFiles(),
		queueTimeMs: 20,
		inferenceTimeMs: 300,
		webhookRetryDelaysMs: [1000, 1500, 2000, 4000],
	});
	cluster = await startQueueCluster(ensureN8n('2'), root, {
		credentials: [
			{
				id: 'e2eFalCredential',
				name: 'fal.ai account',
				type: 'falApi',
				data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
			},
		],
		workflows: [BATCH, STOP, WAIT, EARLY, KILL],
	});
}, 900_000);

afterAll(async () => {
	await cluster?.stop();
	await emulator?.stop();
	if (root) rmSync(root, { recursive: true, force: true });
}, 120_000);

beforeEach(() => emulator.reset());

test(`${EXECUTIONS} webhook executions at once, ${ITEMS} items each: every image right, one submission per item, the mask uploaded once per execution, both workers used`, async () => {
	const workflow = BATCH;
	const answers = await Promise.all(
		Array.from({ length: EXECUTIONS }, async () => await cluster.postToWebhook('fal-batch', {})),
	);
	expect(answers.map((answer) => answer.status)).toEqual(Array(EXECUTIONS).fill(200));
	const executions = await cluster.waitForExecutions(workflow.id!, EXECUTIONS, 240_000);
	expect(executions.map((execution) => execution.status)).toEqual(
		Array(EXECUTIONS).fill('success'),
	);

	let images = 0;
	for (const execution of executions) {
		const output = execution.data.resultData.runData['fal.ai'][0].data!.main[0]!;
		expect(output).toHaveLength(ITEMS);
		for (const [index, item] of output.entries()) {
			const job = emulator.job(item.json.requestId as string)!;
			expect(job.input.prompt).toBe(`item ${index}`);
			// Binary data in the database: read back through n8n's REST API.
			const bytes = await cluster.n8n.restBinary(item.binary!.image);
			expect(item.binary!.image.id).toMatch(/^database:/);
			expect(pixelAt(bytes, 8, 8)).toEqual(expectedFillColour(`item ${index}`, 7));
			expect(pixelAt(bytes, 56, 56)).toEqual(colourOf(index));
			images++;
		}
	}
	expect(images).toBe(EXECUTIONS * ITEMS);
	expect(emulator.jobs()).toHaveLength(EXECUTIONS * ITEMS);
	const maskUploads = emulator.stats.uploadedFiles.filter((url) =>
		emulator.file(url)?.bytes.equals(MASK),
	);
	expect(maskUploads).toHaveLength(EXECUTIONS);
	const perWorker = cluster.workers.map(
		(worker) => (worker.log().match(/Worker started execution/g) ?? []).length,
	);
	console.log(`queue mode: executions per worker ${perWorker.join(' / ')}`);
	expect(perWorker.every((count) => count > 0)).toBe(true);
}, 600_000);

// n8n 2.41.1 passes a stop on to the worker through the process that enqueued the execution
// (its WorkflowRunner sends the job an abort); the main's "stop-execution" command finds nothing
// on workers. So an execution started by the main process stops on its worker, and one started by
// the webhook processor is only marked canceled (README, Queue mode). This case takes the first.
test("an execution stopped through n8n's REST API while a worker waits on fal: every request in flight is cancelled at fal", async () => {
	const workflow = STOP;
	emulator.configure({ inferenceTimeMs: 60_000 });
	try {
		expect((await cluster.postToWebhook('fal-stop', {}, 'main')).status).toBe(200);
		// Wait until the worker has its requests at fal.
		for (
			const deadline = Date.now() + 60_000;
			emulator.jobs().filter((job) => job.status === 'IN_PROGRESS').length < 4 &&
			Date.now() < deadline;
		)
			await sleep(200);
		const running = await cluster.n8n.waitForExecution(workflow.id!, {
			until: (summary) => summary.status === 'running',
			timeoutMs: 30_000,
		});
		const inFlight = emulator
			.jobs()
			.filter((job) => job.status !== 'COMPLETED')
			.map((job) => job.requestId);
		expect(inFlight.length).toBeGreaterThan(0);
		const stopAt = Date.now();
		await cluster.n8n.restPost(`executions/${running.id}/stop`, {});
		const stopped = await cluster.n8n.waitForExecution(workflow.id!, {
			until: (summary) => summary.id === running.id && summary.status !== 'running',
			timeoutMs: 60_000,
		});
		expect(stopped.status).toBe('canceled');
		const settled = () => emulator.jobs().every((job) => job.status === 'COMPLETED');
		for (const deadline = Date.now() + 20_000; !settled() && Date.now() < deadline;)
			await sleep(200);
		const jobs = emulator.jobs();
		// Every request that was at fal when the stop came is cancelled there, and so is any whose submission was already on its way.
		expect(emulator.stats.cancelledRequestIds).toEqual(expect.arrayContaining(inFlight));
		expect(jobs.filter((job) => !job.cancelled && (job.completedAt ?? Infinity) > stopAt)).toEqual(
			[],
		);
		// Nothing new is sent once the worker has stopped.
		expect(jobs.filter((job) => job.submittedAt > stopAt + 2000)).toEqual([]);
		console.log(
			`queue mode, stopped: ${inFlight.length} at fal at the stop, ${jobs.length} submitted in all, ${jobs.filter((job) => job.cancelled).length} cancelled`,
		);
	} finally {
		emulator.configure({ inferenceTimeMs: 300 });
	}
}, 300_000);

test("Submit without waiting → Wait node → fal's webhook, served by the webhook processor → Get Result on a worker", async () => {
	const workflow = WAIT;
	emulator.configure({ inferenceTimeMs: 3000 });
	try {
		expect((await cluster.postToWebhook('fal-submit-wait', {})).status).toBe(200);
		const execution = await cluster.n8n.waitForExecution(workflow.id!, { timeoutMs: 120_000 });
		expect(execution.data.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		const { runData } = execution.data.resultData;
		const [submitted] = runData.Submit[0].data!.main[0]!;
		// The resume URL is the webhook processor's, and fal's call reached it.
		expect(submitted.json.webhookUrl).toContain(
			`${cluster.webhookUrl}webhook-waiting/${execution.id}`,
		);
		const delivery = emulator.stats.webhooks.find(
			(candidate) => candidate.body.request_id === submitted.json.requestId,
		)!;
		expect(delivery).toMatchObject({ delivered: true, status: 200 });
		// The webhook processor took the trigger and fal's call, and enqueued the execution each time (start, resume).
		expect(
			cluster.webhookProcessor.log().split(`Enqueued execution ${execution.id} `).length - 1,
		).toBe(2);
		const [result] = runData['Get Result'][0].data!.main[0]!;
		expect(result.json).toMatchObject({ requestId: submitted.json.requestId, seed: 11 });
		expect((await cluster.n8n.restBinary(result.binary!.image)).length).toBeGreaterThan(0);
	} finally {
		emulator.configure({ inferenceTimeMs: 300 });
	}
}, 300_000);

test("fal's webhook before the Wait node, in queue mode: the webhook processor answers 409, fal's retry resumes the execution", async () => {
	emulator.configure({ queueTimeMs: 0, inferenceTimeMs: 0 });
	try {
		expect((await cluster.postToWebhook('fal-early', {})).status).toBe(200);
		const execution = await cluster.n8n.waitForExecution(EARLY.id!, { timeoutMs: 120_000 });
		expect(execution.data.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		const { runData } = execution.data.resultData;
		const [submitted] = runData.Submit[0].data!.main[0]!;
		const delivery = emulator.stats.webhooks.find(
			(candidate) => candidate.body.request_id === submitted.json.requestId,
		)!;
		console.log(
			`queue mode, early webhook: ${delivery.attempts.map((attempt) => attempt.status ?? attempt.error).join(' → ')}`,
		);
		expect(delivery.attempts[0].status).toBe(409);
		expect(delivery.attempts.at(-1)!.status).toBe(200);
		const [result] = runData['Get Result'][0].data!.main[0]!;
		expect(result.json).toMatchObject({ requestId: submitted.json.requestId, seed: 11 });
	} finally {
		emulator.configure({ queueTimeMs: 20, inferenceTimeMs: 300 });
	}
}, 300_000);

test('a worker killed (SIGKILL) during an execution: n8n does not run it again, and fal starts none of its requests after Start Timeout', async () => {
	const workflow = KILL;
	// Two run at once at fal, 15 s each: of six submitted, the third pair would start at 30 s, past the 20 s Start Timeout.
	emulator.configure({ inferenceTimeMs: 15_000, concurrency: 2 });
	try {
		expect((await cluster.postToWebhook('fal-kill', {})).status).toBe(200);
		for (const deadline = Date.now() + 60_000; emulator.jobs().length < 6 && Date.now() < deadline;)
			await sleep(100);
		// The worker running this execution (both have run others before).
		const running = await cluster.n8n.waitForExecution(workflow.id!, {
			until: (summary) => summary.status === 'running',
			timeoutMs: 30_000,
		});
		const victim = cluster.workers.find((worker) =>
			worker.log().includes(`Worker started execution ${running.id} `),
		)!;
		expect(victim).toBeDefined();
		// The worker and its task runner, as when a container is killed.
		signalGroup(victim, 'SIGKILL');
		const killedAt = Date.now();
		const before = emulator.jobs().length;
		const ended = await cluster.n8n.waitForExecution(workflow.id!, { timeoutMs: 240_000 });
		const endedAfterSeconds = Math.round((Date.now() - killedAt) / 1000);
		// Until fal has had time to start or time out every request.
		for (
			const deadline = Date.now() + 60_000;
			emulator.jobs().some((job) => job.status !== 'COMPLETED') && Date.now() < deadline;
		)
			await sleep(500);
		const jobs = emulator.jobs();
		const report = {
			execution: ended.status,
			endedAfterSeconds,
			submittedBeforeKill: before,
			submittedInAll: jobs.length,
			cancelled: jobs.filter((job) => job.cancelled).length,
			ranToTheEnd: jobs.filter((job) => job.startedAt !== undefined && !job.cancelled).length,
			neverStartedStartTimeout: jobs.filter((job) => job.timedOutBeforeStart).length,
		};
		console.log(`queue mode, worker killed: ${JSON.stringify(report)}`);
		// n8n marks the execution failed and does not run it again: nothing is submitted twice.
		expect(ended.status).not.toBe('success');
		expect(report.submittedInAll).toBe(report.submittedBeforeKill);
		// Nobody is left to cancel: the running ones run on (and are billed); the Start Timeout (from Max Wait, 20 s) keeps fal from starting the others.
		expect(jobs.every((job) => job.headers['x-fal-request-timeout'] === '20')).toBe(true);
		expect(report.neverStartedStartTimeout).toBeGreaterThan(0);
		expect(report.ranToTheEnd + report.neverStartedStartTimeout).toBe(report.submittedInAll);
	} finally {
		emulator.configure({ inferenceTimeMs: 300, concurrency: Number.POSITIVE_INFINITY });
	}
}, 400_000);
