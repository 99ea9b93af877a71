/**
 * The main job: runs an example workflow (default: examples/inpaint-from-disk.json)
 * in n8n-core's engine with the fal.ai node as built into dist/, the way n8n
 * loads an installed package. With FAL_KEY set it talks to fal.ai; without, to
 * the local fal emulator. Output images land where the workflow writes them
 * (./output/).
 *
 *   npm run demo [-- path/to/workflow.json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ICredentialDataDecryptedObject, IConnections, INode, INodeType } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, type FalEmulator, startFalEmulator } from '../emulator';
import { shutdownN8nCore } from '../n8n/credentialTest';
import { executeWorkflow, nodeTypesOf, useBinaryDataMode } from '../n8n/engine';
import { baseNodeTypes } from './baseNodes';

const FAL_NODE_TYPE = 'n8n-nodes-fal-ai.fal';

async function main(): Promise<number> {
	const workflowPath = resolve(process.argv[2] ?? 'examples/inpaint-from-disk.json');
	const builtNode = resolve('dist/nodes/Fal/Fal.node.js');
	if (!existsSync(builtNode))
		throw new Error(`${builtNode} is missing: run "npm run build" first (npm run demo does).`);
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded from dist/ at run time, as n8n does
	const { Fal } = require(builtNode) as { Fal: new () => INodeType };
	const types: Record<string, INodeType> = { ...baseNodeTypes, [FAL_NODE_TYPE]: new Fal() };
	const nodeTypes = nodeTypesOf(types);

	const workflow = JSON.parse(readFileSync(workflowPath, 'utf8')) as {
		name: string;
		nodes: INode[];
		connections: IConnections;
	};
	const unknown = workflow.nodes
		.filter((node) => !types[node.type])
		.map((node) => `${node.name} (${node.type})`);
	if (unknown.length) throw new Error(`The demo cannot run these nodes: ${unknown.join(', ')}`);

	const falKey = process.env.FAL_KEY?.trim();
	let emulator: FalEmulator | undefined;
	if (!falKey) emulator = await startFalEmulator({ queueTimeMs: 300, inferenceTimeMs: 1200 });
	const falCredential: ICredentialDataDecryptedObject = falKey
		? { apiKey: falKey }
		: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator!.proxyUrl };
	const credentialIds = workflow.nodes.flatMap((node) =>
		Object.values(node.credentials ?? {}).map((credential) => credential.id ?? ''),
	);

	console.log(`Workflow: ${workflow.name} (${workflowPath})`);
	console.log(
		falKey
			? 'fal: fal.ai, with the key in FAL_KEY'
			: `fal: local emulator at ${emulator!.url} (set FAL_KEY to use fal.ai)`,
	);
	await useBinaryDataMode('default');
	const started = Date.now();
	try {
		const { run, messages } = await executeWorkflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			nodeTypes,
			credentials: Object.fromEntries(credentialIds.map((id) => [id, falCredential])),
		});
		for (const message of messages as Array<{ messages: unknown[] }>)
			console.log(`  ${message.messages.join(' ')}`);
		const runData = run.data.resultData.runData;
		let failed = false;
		for (const node of workflow.nodes) {
			const task = runData[node.name]?.[0];
			if (!task) continue;
			if (task.error) {
				failed = true;
				console.log(
					`✗ ${node.name}: ${task.error.message}${task.error.description ? `\n    ${task.error.description}` : ''}`,
				);
				continue;
			}
			const items = task.data?.main?.[0] ?? [];
			console.log(`✓ ${node.name}: ${items.length} item${items.length === 1 ? '' : 's'}`);
			for (const item of items) {
				if (node.type === FAL_NODE_TYPE) {
					if (item.json.error)
						console.log(`    error: ${(item.json.error as { message: string }).message}`);
					else
						console.log(
							`    fal request ${String(item.json.requestId)} → ${Object.keys(item.binary ?? {}).join(', ') || 'no images'}`,
						);
				}
				if (node.parameters.operation === 'write')
					console.log(`    wrote ${resolve(String(item.json.fileName))}`);
			}
		}
		console.log(
			`${run.status === 'success' && !failed ? 'Done' : 'Finished with errors'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		return run.status === 'success' && !failed ? 0 : 1;
	} finally {
		await emulator?.stop();
		shutdownN8nCore();
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error.message);
		process.exit(1);
	},
);
