/**
 * n8n in queue mode on 127.0.0.1: PostgreSQL and Redis (services.ts), one
 * main (`n8n start`: editor, REST API, triggers), two workers (`n8n worker`:
 * executions), one webhook processor (`n8n webhook`: production webhooks and
 * Wait-node resumes, the WEBHOOK_URL every process gives out). All share one
 * user folder, where the package is installed as the Community Nodes screen
 * installs it; binary data in the database (queue mode's default, set here
 * explicitly). Workflows are imported and activated before the processes
 * start, as the main process registers active workflows' webhooks at start.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { N8nInstance, type WorkflowJson } from './n8n';
import { freePort } from './n8nCli';
import { type Execution, FINISHED_STATUSES } from './n8nRest';
import type { N8nRuntime } from './runtime';
import { postUntilServed } from './webhookWorkflows';
import { type Services, startServices } from './services';

export interface N8nProcess {
	child: ChildProcess;
	log: () => string;
}

export interface QueueCluster {
	n8n: N8nInstance;
	workers: N8nProcess[];
	webhookProcessor: N8nProcess;
	/** The webhook processor's base URL, with its trailing slash (WEBHOOK_URL). */
	webhookUrl: string;
	/** A production webhook call, to the webhook processor (default) or to the main process. */
	postToWebhook(path: string, body: unknown, to?: 'webhookProcessor' | 'main'): Promise<Response>;
	/** The workflow's first `count` finished executions, read in full, oldest first. */
	waitForExecutions(workflowId: string, count: number, timeoutMs: number): Promise<Execution[]>;
	stop(): Promise<void>;
}

export interface ClusterSetup {
	credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>;
	/** Imported and activated before the processes start. */
	workflows: WorkflowJson[];
}

const WORKERS = 2;

/** Signals the process's group: the n8n process and its task runner. */
export function signalGroup({ child }: N8nProcess, signal: NodeJS.Signals): void {
	try {
		process.kill(-child.pid!, signal);
	} catch {
		// already gone
	}
}

async function stopProcess(process: N8nProcess): Promise<void> {
	const { child } = process;
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((done) => child.once('exit', done));
		signalGroup(process, 'SIGTERM');
		const timer = setTimeout(() => signalGroup(process, 'SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}
	// Whatever of its group is left (a task runner whose n8n was killed).
	signalGroup(process, 'SIGKILL');
}

async function untilServing(url: string, process: N8nProcess, what: string): Promise<void> {
	for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(500)) {
		if (process.child.exitCode !== null)
			throw new Error(`${what} exited (${process.child.exitCode}):\n${process.log()}`);
		if (
			await fetch(url).then(
				(answer) => answer.ok,
				() => false,
			)
		)
			return;
	}
	throw new Error(`${what} did not answer within 90 s:\n${process.log()}`);
}

export async function startQueueCluster(
	runtime: N8nRuntime,
	root: string,
	setup: ClusterSetup,
): Promise<QueueCluster> {
	const services: Services = await startServices(join(root, 'services'));
	const webhookPort = await freePort();
	const webhookUrl = `http://127.0.0.1:${webhookPort}/`;
	const n8n = N8nInstance.create(
		runtime,
		{
			...services.n8nEnv,
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			WEBHOOK_URL: webhookUrl,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		},
		join(root, 'n8n'),
	);
	const processes: N8nProcess[] = [];
	const stop = async () => {
		await Promise.all(processes.map(stopProcess));
		await n8n.stop();
		await services.stop();
	};
	try {
		await n8n.importCredentials(setup.credentials);
		await n8n.importWorkflows(setup.workflows);
		for (const workflow of setup.workflows) await n8n.activate(workflow.id!);
		const mainUrl = await n8n.start();
		await n8n.signIn();
		const workers = await Promise.all(
			Array.from(
				{ length: WORKERS },
				async () => await n8n.spawnProcess(['worker', '--concurrency=10']),
			),
		);
		processes.push(...workers);
		const webhookProcessor = await n8n.spawnProcess(['webhook'], {
			N8N_PORT: String(webhookPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
		});
		processes.push(webhookProcessor);
		await untilServing(`${webhookUrl}healthz`, webhookProcessor, 'n8n webhook');
		// Workers print this once they take jobs from Redis.
		for (const worker of workers) {
			for (
				const deadline = Date.now() + 90_000;
				!/n8n worker is now ready|Worker ready/i.test(worker.log());
				await sleep(500)
			) {
				if (worker.child.exitCode !== null || Date.now() > deadline)
					throw new Error(`n8n worker did not start:\n${worker.log()}`);
			}
		}
		return {
			n8n,
			workers,
			webhookProcessor,
			webhookUrl,
			async postToWebhook(path, body, to = 'webhookProcessor') {
				return await postUntilServed(
					`${to === 'main' ? `${mainUrl}/` : webhookUrl}webhook/${path}`,
					'application/json',
					JSON.stringify(body),
				);
			},
			async waitForExecutions(workflowId, count, timeoutMs) {
				const deadline = Date.now() + timeoutMs;
				for (;;) {
					const finished = (await n8n.executions(workflowId)).filter((summary) =>
						FINISHED_STATUSES.includes(summary.status),
					);
					if (finished.length >= count)
						return await Promise.all(
							finished
								.slice(-count)
								.reverse()
								.map(async (summary) => await n8n.execution(summary.id)),
						);
					if (Date.now() > deadline)
						throw new Error(
							`${finished.length} of ${count} executions of ${workflowId} finished within ${timeoutMs / 1000} s`,
						);
					await sleep(1000);
				}
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
