/**
 * One real n8n instance for the end-to-end tests: its own user folder (SQLite
 * database, binary data, community packages), driven through n8n's own CLI
 * (import, execute, publish) and, for webhooks and the editor, `n8n start`,
 * whose executions are read back over its REST API once signed in as owner
 * (n8nRest.ts). Packing and installing the package is n8nPackage.ts's;
 * running n8n's processes is n8nCli.ts's.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	type CliResult,
	type ExecuteResult,
	freePort,
	runCli,
	spawnN8n,
	withExecution,
} from './n8nCli';
import { installPackedPackage, setUpWorkDir } from './n8nPackage';
import { type BinaryRef, N8nRestClient } from './n8nRest';
import type { N8nRuntime } from './runtime';

// Beside the instance for editorSession.ts, which names the node by it.
export { PACKAGE_NAME } from './n8nPackage';

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		onError?: string;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export class N8nInstance extends N8nRestClient {
	/** The instance's user folder (N8N_USER_FOLDER). */
	readonly userFolder: string;

	/** n8n's working directory: relative file paths in workflows resolve here. */
	readonly workDir: string;

	private readonly binaryDataDir: string;

	private server?: ChildProcess;

	/** CLI runs so far (names their output files). */
	private cliRuns = 0;

	/** What `n8n start` has printed so far. */
	serverLog: () => string = () => '';

	private constructor(
		readonly runtime: N8nRuntime,
		readonly root: string,
		/** Settings every process of this instance gets (queue mode's database and Redis, say). */
		private readonly instanceEnv: Record<string, string> = {},
	) {
		super();
		this.userFolder = join(root, 'user');
		this.workDir = join(root, 'work');
		this.binaryDataDir = join(root, 'binary-data');
		mkdirSync(this.workDir, { recursive: true });
	}

	/**
	 * A fresh instance with the built package, packed, installed as a community package. Its
	 * working directory is set up as the README tells users to (setUpWorkDir).
	 */
	static create(
		runtime: N8nRuntime,
		instanceEnv: Record<string, string> = {},
		root = mkdtempSync(join(tmpdir(), 'n8n-e2e-')),
	): N8nInstance {
		const instance = new N8nInstance(runtime, root, instanceEnv);
		installPackedPackage(instance.userFolder, instance.root);
		setUpWorkDir(instance.workDir);
		return instance;
	}

	/**
	 * An instance in a folder that is kept between runs (`npm run dev`): the
	 * package is not installed here, the caller puts it where n8n looks for
	 * custom nodes.
	 */
	static persistent(
		runtime: N8nRuntime,
		root: string,
		instanceEnv: Record<string, string> = {},
	): N8nInstance {
		const instance = new N8nInstance(runtime, root, instanceEnv);
		setUpWorkDir(instance.workDir);
		return instance;
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const inherited = { ...process.env };
		// Not the test runner's NODE_ENV=test: n8n goes silent under it. Not a fal key either.
		for (const key of ['NODE_ENV', 'JEST_WORKER_ID', 'FAL_KEY']) delete inherited[key];
		return {
			...inherited,
			...this.runtime.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-fal-ai-e2e',
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_BINARY_DATA_STORAGE_PATH: this.binaryDataDir,
			// n8n 2.x lets Read/Write Files from Disk reach ~/.n8n-files only, by default.
			N8N_RESTRICT_FILE_ACCESS_TO: this.workDir,
			...this.instanceEnv,
			...extra,
		};
	}

	async cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
		// Each n8n process starts a task broker; give each its own port so none clash.
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv });
		const stdoutFile = join(this.root, `cli-${process.pid}-${++this.cliRuns}.out`);
		return await runCli(this.runtime.n8nBin, args, { cwd: this.workDir, env, stdoutFile });
	}

	private async cliOrThrow(args: string[]): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.code !== 0)
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		return result;
	}

	/** `n8n import:credentials`: plaintext data is encrypted on import. */
	async importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
	): Promise<void> {
		const file = join(this.root, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
	}

	/** `n8n import:workflow --separate`: each workflow needs an id. */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const dir = join(this.root, 'workflows');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir);
		for (const workflow of workflows)
			writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
		await this.cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** `n8n execute --id --rawOutput`, headless; `extraEnv` as n8n would be started with it (HTTPS_PROXY, say). */
	async execute(workflowId: string, extraEnv: Record<string, string> = {}): Promise<ExecuteResult> {
		return withExecution(
			await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], extraEnv),
		);
	}

	/** Makes a workflow's triggers live (2.x publishes it; 1.x activates it). */
	async activate(workflowId: string): Promise<void> {
		const args =
			this.runtime.line === '2'
				? ['publish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=true'];
		await this.cliOrThrow(args);
	}

	/** Switches a workflow's triggers off again (2.x unpublishes it; 1.x deactivates it); it takes effect at the next start. */
	async deactivate(workflowId: string): Promise<void> {
		const args =
			this.runtime.line === '2'
				? ['unpublish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=false'];
		await this.cliOrThrow(args);
	}

	/** The bytes of a binary from run data, inline (default mode) or in the instance's binary data folder. */
	binaryBytes(binary: BinaryRef): Buffer {
		if (!binary.id) return Buffer.from(binary.data, 'base64');
		const [, relative] = /^[\w-]+:(.+)$/.exec(binary.id) ?? [];
		const path = join(this.binaryDataDir, relative ?? '');
		if (!relative || !existsSync(path)) throw new Error(`binary ${binary.id} is not at ${path}`);
		return readFileSync(path);
	}

	/** `n8n start` on 127.0.0.1; resolves with its base URL once the REST API answers. */
	async start(port?: number): Promise<string> {
		port ??= await freePort();
		const url = `http://127.0.0.1:${port}`;
		const env = this.env({
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			// Queue mode sends webhooks to its webhook processor: its URL is set with the instance.
			WEBHOOK_URL: this.instanceEnv.WEBHOOK_URL ?? `${url}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const { child: server, log } = spawnN8n(this.runtime.n8nBin, ['start'], {
			cwd: this.workDir,
			env,
		});
		this.server = server;
		this.serverLog = log;
		const deadline = Date.now() + 90_000;
		while (Date.now() < deadline) {
			if (server.exitCode !== null)
				throw new Error(`n8n start exited (${server.exitCode}):\n${log()}`);
			try {
				// 1.x is "ready" before its REST controllers are mounted; /rest/settings is mounted after them.
				const ready =
					(await fetch(`${url}/healthz/readiness`)).ok && (await fetch(`${url}/rest/settings`)).ok;
				if (ready) {
					this.baseUrl = url;
					return url;
				}
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		throw new Error(`n8n start did not become ready within 90 s:\n${log()}`);
	}

	/**
	 * Another n8n process of this instance (`worker`, `webhook`), same
	 * settings and user folder, in a process group of its own (signal
	 * `-child.pid`); `log()` is what it has printed.
	 */
	async spawnProcess(
		args: string[],
		extra: Record<string, string> = {},
	): Promise<{ child: ChildProcess; log: () => string }> {
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extra });
		// Its own process group, with its task runner: killing the group leaves nothing behind.
		return spawnN8n(this.runtime.n8nBin, args, { cwd: this.workDir, env, detached: true });
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((done) => server.once('exit', done));
		server.kill('SIGTERM');
		const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.root, { recursive: true, force: true });
	}
}
