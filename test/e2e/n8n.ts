/**
 * One real n8n instance for the end-to-end tests: its own user folder (SQLite
 * database, binary data, community packages), driven through n8n's own CLI
 * (import, execute, publish) and, for webhooks and the editor, `n8n start`,
 * whose executions are read back over its REST API once signed in as owner.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
	closeSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nRuntime } from './runtime';

export const REPO_ROOT = resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-fal-ai';

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** An execution's run: what `n8n execute --rawOutput` prints, or `GET /rest/executions/:id` with its data parsed. */
export interface Execution {
	/** Set when read over REST (the CLI prints none). */
	id?: string;
	/** new, running, waiting, success, error, crashed, canceled. */
	status: string;
	finished?: boolean;
	waitTill?: string | null;
	data: {
		resultData: {
			runData: Record<string, RunTask[]>;
			lastNodeExecuted?: string;
			error?: { message: string; description?: string; node?: { name: string } };
		};
		/** 2.x: the secret a waiting execution's resume URL must carry (see resumeUrl). */
		resumeToken?: string;
	};
}

/** What `n8n execute --rawOutput` printed: the run as JSON after n8n's log lines. */
export interface ExecuteResult extends CliResult {
	/** The execution (data.resultData.runData, status, …), when n8n printed one. */
	execution?: Execution;
}

/** One row of `GET /rest/executions`: no run data. */
export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	finished?: boolean;
	mode?: string;
	waitTill?: string | null;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

/** Statuses after which an execution does not change any more (`waiting` is not one). */
export const FINISHED_STATUSES = ['success', 'error', 'crashed', 'canceled'];

/** The instance owner `signIn` creates (n8n wants 8+ characters, a digit and a capital letter). */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Ada',
	lastName: 'Owner',
	password: 'E2e-Owner-1',
};

export interface RunTask {
	executionStatus?: string;
	error?: { message: string; description?: string | null };
	data?: {
		main: Array<Array<{
			json: Record<string, unknown>;
			binary?: Record<string, BinaryRef>;
			pairedItem?: unknown;
		}> | null>;
	};
}

export interface BinaryRef {
	mimeType: string;
	fileName?: string;
	fileExtension?: string;
	/** Base64, or the storage mode's name when `id` points at the bytes. */
	data: string;
	id?: string;
}

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

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

/** `npm pack` of the built package: exactly the files a user gets from the registry. */
function packPackage(destination: string): string {
	const result = spawnSync('npm', ['pack', '--pack-destination', destination, '--loglevel=error'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
	return join(destination, result.stdout.trim().split('\n').pop()!);
}

/**
 * Installs a package tarball the way n8n's Community Nodes screen does
 * (CommunityPackagesService.downloadPackage): unpacked into
 * <user folder>/.n8n/nodes/node_modules/<name>, dev/peer/optional
 * dependencies stripped, then `npm install` with n8n's own flags.
 */
function installCommunityPackage(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
		delete manifest[key];
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const install = spawnSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, encoding: 'utf8' },
	);
	if (install.status !== 0)
		throw new Error(`npm install of ${PACKAGE_NAME}'s dependencies failed: ${install.stderr}`);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { [PACKAGE_NAME]: manifest.version },
			},
			null,
			2,
		),
	);
}

export class N8nInstance {
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

	/** The base URL `start()` answered on, and the owner's session (the `n8n-auth` cookie) from `signIn`. */
	private baseUrl?: string;
	private session?: string;

	private constructor(
		readonly runtime: N8nRuntime,
		readonly root: string,
		/** Settings every process of this instance gets (queue mode's database and Redis, say). */
		private readonly instanceEnv: Record<string, string> = {},
	) {
		this.userFolder = join(root, 'user');
		this.workDir = join(root, 'work');
		this.binaryDataDir = join(root, 'binary-data');
		mkdirSync(this.workDir, { recursive: true });
	}

	/**
	 * A fresh instance with the built package, packed, installed as a community package. Its
	 * working directory is set up as the README tells users to: examples/images/
	 * and an output/ folder (Write Files to Disk in n8n 2.x does not create folders).
	 */
	static create(
		runtime: N8nRuntime,
		instanceEnv: Record<string, string> = {},
		root = mkdtempSync(join(tmpdir(), 'n8n-e2e-')),
	): N8nInstance {
		const instance = new N8nInstance(runtime, root, instanceEnv);
		installCommunityPackage(instance.userFolder, packPackage(instance.root));
		cpSync(join(REPO_ROOT, 'examples', 'images'), join(instance.workDir, 'examples', 'images'), {
			recursive: true,
		});
		mkdirSync(join(instance.workDir, 'output'));
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
		cpSync(join(REPO_ROOT, 'examples', 'images'), join(instance.workDir, 'examples', 'images'), {
			recursive: true,
		});
		mkdirSync(join(instance.workDir, 'output'), { recursive: true });
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
		// stdout into a file, not a pipe: n8n exits right after printing a run, and Node writes to a
		// pipe asynchronously, so a large run (base64 binaries) could come out cut short; file writes are synchronous.
		const stdoutFile = join(this.root, `cli-${process.pid}-${++this.cliRuns}.out`);
		const stdoutFd = openSync(stdoutFile, 'w');
		return await new Promise((resolveResult, reject) => {
			const child = spawn(this.runtime.n8nBin, args, {
				cwd: this.workDir,
				env,
				stdio: ['ignore', stdoutFd, 'pipe'],
			});
			closeSync(stdoutFd);
			let stderr = '';
			child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.once('error', reject);
			child.once('close', (code) => {
				const stdout = readFileSync(stdoutFile, 'utf8');
				rmSync(stdoutFile, { force: true });
				resolveResult({ code, stdout, stderr });
			});
		});
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
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], extraEnv);
		// Log lines, then the execution as pretty JSON from a line that is exactly "{"
		// to one that is exactly "}"; a failed execution is printed the same way,
		// after "Execution error:".
		const lines = result.stdout.split('\n');
		const start = lines.indexOf('{');
		const end = lines.indexOf('}', start);
		if (start < 0 || end < 0) return result;
		return { ...result, execution: JSON.parse(lines.slice(start, end + 1).join('\n')) };
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
		const server = spawn(this.runtime.n8nBin, ['start'], {
			cwd: this.workDir,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = server;
		let log = '';
		server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		this.serverLog = () => log;
		const deadline = Date.now() + 90_000;
		while (Date.now() < deadline) {
			if (server.exitCode !== null)
				throw new Error(`n8n start exited (${server.exitCode}):\n${log}`);
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
		throw new Error(`n8n start did not become ready within 90 s:\n${log}`);
	}

	/**
	 * Signs in to the server `start()` runs as its owner: sets the owner up
	 * (`POST /rest/owner/setup`) on a fresh instance, else logs in. Keeps the
	 * `n8n-auth` cookie for the REST calls below and returns its value (for a
	 * browser context, say).
	 */
	async signIn(baseUrl = this.baseUrl): Promise<string> {
		if (!baseUrl) throw new Error('signIn: start() the server first');
		const post = async (path: string, body: unknown) =>
			await fetch(`${baseUrl}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		let answer = await post('/rest/owner/setup', OWNER);
		// Set up already (a restarted instance): log in instead.
		if (answer.status === 400)
			answer = await post('/rest/login', {
				emailOrLdapLoginId: OWNER.email,
				password: OWNER.password,
			});
		if (!answer.ok)
			throw new Error(`signing in as owner answered ${answer.status}: ${await answer.text()}`);
		const cookie = answer.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (!cookie) throw new Error('signing in set no n8n-auth cookie');
		this.baseUrl = baseUrl;
		this.session = cookie.slice('n8n-auth='.length).split(';')[0];
		return this.session;
	}

	/** `GET /rest/<path>` as the signed-in owner; n8n wraps each answer in `{ data }`. */
	private async rest<T>(path: string): Promise<T> {
		if (!this.baseUrl || !this.session) throw new Error('signIn() first');
		const answer = await fetch(`${this.baseUrl}/rest/${path}`, {
			headers: { cookie: `n8n-auth=${this.session}` },
		});
		if (!answer.ok)
			throw new Error(`GET /rest/${path} answered ${answer.status}: ${await answer.text()}`);
		return ((await answer.json()) as { data: T }).data;
	}

	/** The bytes of a binary from run data through the REST API, as the editor downloads them (any binary data mode: database, say). */
	async restBinary(binary: BinaryRef): Promise<Buffer> {
		if (!this.baseUrl || !this.session) throw new Error('signIn() first');
		if (!binary.id) return Buffer.from(binary.data, 'base64');
		const query = new URLSearchParams({ id: binary.id, action: 'download' });
		const answer = await fetch(`${this.baseUrl}/rest/binary-data?${query}`, {
			headers: { cookie: `n8n-auth=${this.session}` },
		});
		if (!answer.ok)
			throw new Error(`GET /rest/binary-data answered ${answer.status}: ${await answer.text()}`);
		return Buffer.from(await answer.arrayBuffer());
	}

	/** `POST /rest/<path>` as the signed-in owner, as the editor sends it; n8n wraps each answer in `{ data }`. */
	async restPost<T>(path: string, body: unknown): Promise<T> {
		if (!this.baseUrl || !this.session) throw new Error('signIn() first');
		const answer = await fetch(`${this.baseUrl}/rest/${path}`, {
			method: 'POST',
			headers: {
				cookie: `n8n-auth=${this.session}`,
				'content-type': 'application/json',
				'browser-id': 'e2e-browser',
			},
			body: JSON.stringify(body),
		});
		if (!answer.ok)
			throw new Error(`POST /rest/${path} answered ${answer.status}: ${await answer.text()}`);
		return ((await answer.json()) as { data: T }).data;
	}

	/** The workflow's latest executions (up to 100), newest first, without run data. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		// Both lines take a JSON `filter` (workflowId, status, …) and a `limit` of at most 100.
		const query = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '100' });
		const { results } = await this.rest<{ results: ExecutionSummary[] }>(`executions?${query}`);
		return results.map((summary) => ({ ...summary, id: String(summary.id) }));
	}

	/** One execution with its run data, shaped as `execute()` gives it (runData[node][run].data.main …). */
	async execution(id: string): Promise<Execution> {
		const execution = await this.rest<Omit<Execution, 'data'> & { data: string }>(
			`executions/${encodeURIComponent(id)}`,
		);
		// The run data comes as a `flatted` string (it may hold circular references);
		// parsed with the flatted n8n itself uses.
		const { parse } = createRequire(join(this.runtime.n8nBin, '..', '..', 'package.json'))(
			'flatted',
		) as { parse(text: string): Execution['data'] };
		return { ...execution, id: String(execution.id), data: parse(execution.data) };
	}

	/**
	 * Where a Wait node ("On Webhook Call") waits: `$execution.resumeUrl`, i.e.
	 * <base>/webhook-waiting/<id>, plus `?signature=<resumeToken>` on 2.x, which
	 * answers 401 "Invalid token" without it. Takes an execution read by execution().
	 */
	resumeUrl(execution: Execution): string {
		if (!this.baseUrl || !execution.id)
			throw new Error('resumeUrl: an execution read from a started server');
		const url = new URL(`${this.baseUrl}/webhook-waiting/${execution.id}`);
		if (execution.data.resumeToken) url.searchParams.set('signature', execution.data.resumeToken);
		return url.toString();
	}

	/**
	 * Polls the workflow's executions until one matches `until` (by default: one
	 * that has finished, see FINISHED_STATUSES), then reads it in full. Pass an
	 * `until` that checks the id to skip executions seen before.
	 */
	async waitForExecution(
		workflowId: string,
		{
			until = (summary: ExecutionSummary) => FINISHED_STATUSES.includes(summary.status),
			timeoutMs = 60_000,
		} = {},
	): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		let seen: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			seen = await this.executions(workflowId);
			const match = seen.find(until);
			if (match) return await this.execution(match.id);
			await sleep(500);
		}
		const statuses = seen.map((summary) => `${summary.id}: ${summary.status}`).join(', ') || 'none';
		throw new Error(
			`no execution of ${workflowId} matched within ${timeoutMs / 1000} s (executions: ${statuses})`,
		);
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
		const child = spawn(this.runtime.n8nBin, args, {
			cwd: this.workDir,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let log = '';
		child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		return { child, log: () => log };
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
