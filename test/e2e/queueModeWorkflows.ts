/**
 * The workflows the queue-mode end-to-end test imports into its cluster
 * (queueMode.queue-e2e.test.ts): a batch of items, each with its own photo,
 * for fal.ai inpainting, in three copies (run, stopped, worker killed); the
 * submit-and-wait example behind a webhook; and the same with fal's webhook
 * arriving before the Wait node.
 */
import { makePng } from '../helpers/images';
import type { WorkflowJson } from './n8n';
import { earlyWebhookWorkflow, submitWaitWorkflow, webhookTrigger } from './webhookWorkflows';

export const ITEMS = 20;

export const MASK = makePng(64, 64, [0, 0, 0], {
	x: 0,
	y: 0,
	width: 32,
	height: 32,
	colour: [255, 255, 255],
});
/** Item i's photo: its own colour, so each output is checked against its own input. */
export const colourOf = (index: number): [number, number, number] => [
	10 + index * 10,
	200 - index * 5,
	90,
];

const credentials = { falApi: { id: 'e2eFalCredential', name: 'fal.ai account' } };

/** Webhook → Code (20 items: each its own photo, all the same mask) → fal.ai inpainting. */
function batchWorkflow(id: string, path: string, webhookId: string): WorkflowJson {
	const photos = Array.from({ length: ITEMS }, (_, index) =>
		makePng(64, 64, colourOf(index)).toString('base64'),
	);
	const code = [
		`const photos = ${JSON.stringify(photos)};`,
		`const mask = ${JSON.stringify(MASK.toString('base64'))};`,
		'return photos.map((photo, index) => ({ json: { index, prompt: `item ${index}` }, binary: {',
		"  data: { data: photo, mimeType: 'image/png', fileName: `photo-${index}.png` },",
		"  mask: { data: mask, mimeType: 'image/png', fileName: 'mask.png' },",
		'} }));',
	].join('\n');
	return {
		id,
		name: id,
		nodes: [
			webhookTrigger(path, webhookId),
			{
				id: 'code',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: code },
			},
			{
				id: 'fal',
				name: 'fal.ai',
				type: 'n8n-nodes-fal-ai.fal',
				typeVersion: 1,
				position: [400, 0],
				credentials,
				parameters: {
					model: 'fast-sdxl',
					operation: 'inpaint',
					prompt: '={{ $json.prompt }}',
					options: {
						image_size: 'custom',
						image_size_width: 64,
						image_size_height: 64,
						format: 'png',
						seed: 7,
					},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'fal.ai', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export const BATCH = batchWorkflow(
	'e2eQueueBatch',
	'fal-batch',
	'7c4d9a10-0000-4000-8000-0000000000b1',
);
export const STOP = batchWorkflow(
	'e2eQueueStop',
	'fal-stop',
	'7c4d9a10-0000-4000-8000-0000000000b2',
);
export const KILL = batchWorkflow(
	'e2eQueueKill',
	'fal-kill',
	'7c4d9a10-0000-4000-8000-0000000000b4',
);
// Max Wait 20 s: the requests carry X-Fal-Request-Timeout 20, fal's bound on what it starts after n8n is gone.
(KILL.nodes[2].parameters as Record<string, unknown>).nodeOptions = { maxWaitSeconds: 20 };
export const WAIT = submitWaitWorkflow(
	'e2eQueueWait',
	'fal-submit-wait',
	'7c4d9a10-0000-4000-8000-0000000000b3',
);

export const EARLY = earlyWebhookWorkflow('e2eQueueEarly', 'fal-early', {
	trigger: '7c4d9a10-0000-4000-8000-0000000000b5',
	wait: '7c4d9a10-0000-4000-8000-0000000000b6',
});
