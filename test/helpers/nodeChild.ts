/**
 * A child process that runs the fal.ai node (its TypeScript source) in
 * n8n-core's engine, for tests that need a process environment of their own:
 * HTTPS_PROXY / NO_PROXY as an n8n behind a corporate proxy has them, and
 * NODE_EXTRA_CA_CERTS to trust the test CA (Node reads both at start). Runs
 * what the parent sends over IPC (see nodeInChild.ts) and answers each run.
 */
import { join } from 'node:path';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { INodeType } from 'n8n-workflow';
import { shutdownN8nCore } from '../n8n/credentialTest';
import { runInWorkflow, useBinaryDataMode } from '../n8n/workflow';
import type { ChildRunRequest, ChildRunResult } from './nodeInChild';

// By its full file name: tsx would take `Fal.node` for its .json codex.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Fal } = require(join(__dirname, '../../nodes/Fal/Fal.node.ts')) as {
	Fal: new () => INodeType;
};
const falNode = new Fal();

async function run(request: ChildRunRequest): Promise<ChildRunResult> {
	const items = request.items.map((item) => ({
		json: item.json,
		binary: Object.fromEntries(
			Object.entries(item.binary ?? {}).map(([name, file]) => {
				const { mimeType, fileName } = file;
				return [
					name,
					'path' in file
						? { path: file.path, mimeType, fileName }
						: { bytes: Buffer.from(file.base64, 'base64'), mimeType, fileName },
				];
			}),
		),
	}));
	const result = await runInWorkflow(falNode, {
		parameters: request.parameters,
		credentials: request.credentials,
		items,
	});
	const output = [];
	for (const item of result.items) {
		const binary: Record<string, { mimeType: string; fileName?: string; base64: string }> = {};
		for (const [name, data] of Object.entries(item.binary ?? {})) {
			binary[name] = {
				mimeType: data.mimeType,
				fileName: data.fileName,
				base64: (await Container.get(BinaryDataService).getAsBuffer(data)).toString('base64'),
			};
		}
		output.push({ json: item.json, binary });
	}
	return {
		items: output,
		error: result.error && {
			message: result.error.message,
			description: result.error.description ?? undefined,
		},
	};
}

void useBinaryDataMode('default').then(() => {
	process.on('message', (message: { id: number; request: ChildRunRequest }) => {
		run(message.request).then(
			(result) => process.send!({ id: message.id, result }),
			(error: Error) =>
				process.send!({
					id: message.id,
					result: {
						items: [],
						error: { message: `the child failed: ${error.stack ?? error.message}` },
					},
				}),
		);
	});
	process.on('disconnect', () => {
		shutdownN8nCore();
		process.exit(0);
	});
	process.send!({ ready: true });
});
