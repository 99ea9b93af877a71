/**
 * fal's webhook arriving before the execution has reached its Wait node, in
 * a real n8n: Submit (no waiting, the resume URL as fal's webhook) → a short
 * Wait by time (the execution stays running) → Wait for fal → Verify
 * Webhook → Get Result, with inference at 0 s so that fal's first call comes
 * while the execution still runs. n8n answers that call 409; fal retries
 * (on a compressed schedule here) and a retry resumes the execution.
 */
import { docExampleFiles, EMULATOR_FAL_KEY, type FalEmulator, startFalEmulator } from '../emulator';
import { N8nInstance } from './n8n';
import { ensureN8n } from './runtime';
import { earlyWebhookWorkflow, postUntilServed } from './webhookWorkflows';

let emulator: FalEmulator;
let n8n: N8nInstance;

beforeAll(async () => {
	emulator = await startFalEmulator({
		remoteFiles: docExampleFiles(),
		queueTimeMs: 0,
		inferenceTimeMs: 0,
		webhookRetryDelaysMs: [1000, 1500, 2000, 4000],
	});
	n8n = N8nInstance.create(ensureN8n());
	await n8n.importCredentials([
		{
			id: 'e2eFalCredential',
			name: 'fal.ai account',
			type: 'falApi',
			data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
		},
	]);
}, 600_000);

afterAll(async () => {
	await n8n?.dispose();
	await emulator?.stop();
});

test("fal's webhook before the Wait node: n8n answers 409, fal's retry resumes the execution, and the call verifies as fal's", async () => {
	const workflow = earlyWebhookWorkflow(
		'e2eEarlyWebhook',
		'fal-early',
		{
			trigger: '7c4d9a10-0000-4000-8000-00000000e2e2',
			wait: '7c4d9a10-0000-4000-8000-00000000e2e3',
		},
		{ verify: true },
	);
	await n8n.importWorkflows([workflow]);
	await n8n.activate(workflow.id!);
	const url = await n8n.start();
	try {
		await n8n.signIn();
		expect((await postUntilServed(`${url}/webhook/fal-early`)).status).toBe(200);
		const execution = await n8n.waitForExecution(workflow.id!, { timeoutMs: 90_000 });
		expect(execution.data.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		const { runData } = execution.data.resultData;
		const [submitted] = runData.Submit[0].data!.main[0]!;
		const job = emulator.job(submitted.json.requestId as string)!;
		const delivery = emulator.stats.webhooks.find(
			(candidate) => candidate.body.request_id === job.requestId,
		)!;
		// fal's first call came while the execution was running: n8n said 409 (not 2xx), so fal tried again.
		expect(delivery.attempts[0].status).toBe(409);
		expect(delivery.attempts.at(-1)!.status).toBe(200);
		expect(delivery.delivered).toBe(true);
		const [verdict] = runData.Verify[0].data!.main[0]!;
		expect(verdict.json).toMatchObject({
			valid: true,
			requestId: job.requestId,
			webhook: { request_id: job.requestId, status: 'OK' },
		});
		const [result] = runData['Get Result'][0].data!.main[0]!;
		expect(result.json).toMatchObject({ requestId: job.requestId, seed: 11 });
		expect(result.binary?.image).toBeDefined();
		console.log(
			`early webhook: ${delivery.attempts.map((attempt) => attempt.status ?? attempt.error).join(' → ')}`,
		);
	} finally {
		await n8n.stop();
	}
});
