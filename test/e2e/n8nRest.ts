/**
 * n8n's REST API as the instance owner, on a server `n8n start` runs: signing
 * in, binaries downloaded as the editor downloads them, and executions read
 * back with their run data, waited for, and resumed by URL. N8nInstance
 * (n8n.ts) is this client for the server it starts.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nRuntime } from './runtime';

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

/** The REST calls of an instance's server, as its owner; `start()` (N8nInstance) sets the base URL. */
export abstract class N8nRestClient {
	abstract readonly runtime: N8nRuntime;

	/** The base URL `start()` answered on, and the owner's session (the `n8n-auth` cookie) from `signIn`. */
	protected baseUrl?: string;
	private session?: string;

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
}
