/**
 * Runs the fal.ai node in a child process with an environment of the test's
 * choosing (nodeChild.ts is the child): what n8n does when started with
 * HTTPS_PROXY, NO_PROXY or NODE_EXTRA_CA_CERTS, none of which can be changed
 * in a running process for TLS trust.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

export interface ChildRunRequest {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** Binary inputs as base64, or as a file the child reads (big ones). */
	items: Array<{
		json?: IDataObject;
		binary?: Record<
			string,
			({ base64: string } | { path: string }) & { mimeType?: string; fileName?: string }
		>;
	}>;
}

export interface ChildRunResult {
	items: Array<{
		json: IDataObject;
		binary: Record<string, { mimeType: string; fileName?: string; base64: string }>;
	}>;
	error?: { message: string; description?: string };
}

export interface NodeInChild {
	run(request: ChildRunRequest): Promise<ChildRunResult>;
	stop(): Promise<void>;
}

export async function startNodeInChild(env: Record<string, string>): Promise<NodeInChild> {
	const child: ChildProcess = fork(join(__dirname, 'nodeChild.ts'), [], {
		cwd: join(__dirname, '../..'),
		execArgv: ['--import', 'tsx'],
		// Not the runner's proxy settings: only what the test gives.
		env: { ...withoutProxyVariables(process.env), ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map<number, (result: ChildRunResult) => void>();
	let next = 0;
	await new Promise<void>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) =>
			reject(new Error(`the node's child process exited (${code}) before it was ready`)),
		);
		child.on('message', (message: { ready?: boolean; id?: number; result?: ChildRunResult }) => {
			if (message.ready) resolve();
			else if (message.id !== undefined && message.result)
				pending.get(message.id)?.(message.result);
		});
	});
	child.removeAllListeners('exit');
	return {
		run: async (request) =>
			await new Promise<ChildRunResult>((resolve) => {
				const id = next++;
				pending.set(id, resolve);
				child.send({ id, request });
			}),
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.disconnect();
			await exited;
		},
	};
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'];

function withoutProxyVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(env).filter(([name]) => !PROXY_VARIABLES.includes(name.toUpperCase())),
	);
}
