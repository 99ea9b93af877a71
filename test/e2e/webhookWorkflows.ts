/**
 * Workflows the end-to-end tests trigger over HTTP, built from the examples,
 * and the one way they call a production webhook: in one process
 * (examples, webhooks) and in queue mode alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkflowJson } from './n8n';
import { REPO_ROOT } from './n8nPackage';

/** POSTs to a production webhook, again while n8n answers 404 (not registered yet, for up to a minute). */
export async function postUntilServed(
	url: string,
	contentType = 'application/json',
	body: BodyInit = '{}',
): Promise<Response> {
	for (const deadline = Date.now() + 60_000; ; await sleep(500)) {
		const answer = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': contentType },
			body,
		});
		if (answer.status !== 404 || Date.now() > deadline) return answer;
	}
}

/** A Webhook trigger (POST, answers when received). */
export function webhookTrigger(path: string, webhookId: string): WorkflowJson['nodes'][number] {
	return {
		id: `hook-${path}`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, options: {} },
	};
}

/** examples/submit-wait-get-result.json as a production run: its Manual Trigger swapped for a Webhook trigger. */
export function submitWaitWorkflow(id: string, path: string, webhookId: string): WorkflowJson {
	const example = JSON.parse(
		readFileSync(join(REPO_ROOT, 'examples/submit-wait-get-result.json'), 'utf8'),
	) as WorkflowJson;
	const trigger = example.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
	const { [trigger.name]: triggerConnections, ...connections } = example.connections;
	return {
		...example,
		id,
		nodes: [webhookTrigger(path, webhookId), ...example.nodes.filter((node) => node !== trigger)],
		connections: { ...connections, Webhook: triggerConnections },
	};
}

/**
 * The same with a 2 s pause between Submit and the Wait node (under 65 s n8n
 * waits in memory: the execution stays running and its resume URL is not
 * yet listening), so that a fast fal calls back before the Wait node.
 * `verify` puts Queue Request → Verify Webhook after the Wait node, which
 * then keeps the raw body.
 */
export function earlyWebhookWorkflow(
	id: string,
	path: string,
	webhookIds: { trigger: string; wait: string },
	{ verify = false } = {},
): WorkflowJson {
	const base = submitWaitWorkflow(id, path, webhookIds.trigger);
	const node = (name: string) => base.nodes.find((candidate) => candidate.name === name)!;
	const waitForFal = node('Wait for fal');
	const submit = node('Submit');
	// Get Result reads the request ID from the Wait node's output, no longer the node just before it.
	const getResult = {
		...node('Get Result'),
		parameters: {
			...node('Get Result').parameters,
			requestId: "={{ $('Wait for fal').item.json.body.request_id }}",
		},
	};
	const chain = ['Submit', 'Pause', 'Wait for fal', ...(verify ? ['Verify'] : []), 'Get Result'];
	return {
		...base,
		name: `${base.name} (fal calls back early)`,
		nodes: [
			node('Webhook'),
			submit,
			{
				id: 'pause',
				name: 'Pause',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				position: [400, 0],
				parameters: { resume: 'timeInterval', amount: 2, unit: 'seconds' },
			},
			{
				...waitForFal,
				webhookId: webhookIds.wait,
				parameters: { ...waitForFal.parameters, options: verify ? { rawBody: true } : {} },
			},
			...(verify
				? [
						{
							id: 'verify',
							name: 'Verify',
							type: 'n8n-nodes-fal-ai.fal',
							typeVersion: 1,
							position: [800, 0],
							parameters: { resource: 'queueRequest', operation: 'verifyWebhook' },
							credentials: submit.credentials,
						},
					]
				: []),
			getResult,
		],
		connections: Object.fromEntries(
			[
				['Webhook', 'Submit'],
				...chain.slice(0, -1).map((from, index) => [from, chain[index + 1]]),
			].map(([from, to]) => [from, { main: [[{ node: to, type: 'main', index: 0 }]] }]),
		),
	};
}
