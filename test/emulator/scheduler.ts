/**
 * When each job runs. A job spends at least `queueTimeMs` IN_QUEUE; then it
 * starts as soon as its key has a free slot (`concurrency`,
 * `concurrencyByKey`), the waiting jobs of a key starting normal priority
 * first, then in submission order. It stays IN_PROGRESS (with logs) for
 * `inferenceTimeMs` (+ jitter), then its endpoint (or fal workflow) runs and
 * the job ends COMPLETED with the outcome; finishing frees the slot for the
 * next. A job whose `X-Fal-Request-Timeout` passes before it starts never
 * runs: it ends COMPLETED with a 504.
 */
import { fetchFileInput } from './endpoints/files';
import { findEmulatedEndpoint } from './endpoints/registry';
import { type JobRun, runEndpoint } from './endpoints/run';
import type { JobOutcome } from './endpoints/types';
import type { FaultRule } from './faults';
import { type BilledRun, chargesOf } from './platform/costs';
import { type Job, type JobQueue, startsBefore } from './queue';
import type { FalEmulatorSettings, FalEmulatorStats } from './settings';
import type { FileSink, FileStore } from './storage';
import type { WebhookSender } from './webhooks';
import { findWorkflow } from './workflows/definitions';
import { runWorkflow } from './workflows/run';

export interface SchedulerHost {
	readonly settings: FalEmulatorSettings;
	readonly queue: JobQueue;
	readonly store: FileStore;
	readonly webhooks: WebhookSender;
	/** The current counters (reset() replaces them). */
	stats(): FalEmulatorStats;
	/** Extra inference time for the job starting now (`inferenceJitterMs`). */
	inferenceJitter(): number;
}

/** fal's answer for a request whose start deadline passed (fal-platform.md). */
const START_TIMEOUT: Required<NonNullable<Job['outcome']>> = {
	status: 504,
	body: { detail: 'Request timed out before it started', error_type: 'request_timeout' },
	headers: { 'x-fal-request-timeout-type': 'user', 'x-fal-error-type': 'request_timeout' },
};

export class Scheduler {
	/** 'fail-job' faults, carried out when the job would run. */
	private readonly failing = new WeakMap<Job, FaultRule>();

	constructor(private readonly host: SchedulerHost) {}

	/** A job just submitted: ready after queueTimeMs, never started past its start deadline. */
	admit(job: Job, fault?: FaultRule): void {
		if (fault) this.failing.set(job, fault);
		job.timer = setTimeout(() => {
			job.ready = true;
			this.pump(job.apiKey);
		}, this.host.settings.queueTimeMs);
		if (job.options.startTimeoutSeconds !== undefined)
			job.deadline = setTimeout(() => this.timeOut(job), job.options.startTimeoutSeconds * 1000);
	}

	/** Cancels a job not yet COMPLETED; its slot goes to the next waiting job. */
	cancel(job: Job): void {
		clearTimeout(job.timer);
		clearTimeout(job.deadline);
		job.cancelled = true;
		job.outcome = {
			status: 400,
			body: { detail: 'Request was cancelled.', error_type: 'request_cancelled' },
		};
		this.host.queue.setStatus(job, 'COMPLETED');
		this.pump(job.apiKey);
	}

	/** After a change of the limits: starts what the new limits allow, for every key with jobs waiting. */
	rebalance(): void {
		const keys = new Set(
			[...this.host.queue.jobs.values()]
				.filter((job) => job.status === 'IN_QUEUE')
				.map((job) => job.apiKey),
		);
		for (const apiKey of keys) this.pump(apiKey);
	}

	/** How many jobs of this key may run at once. */
	limitOf(apiKey: string): number {
		return this.host.settings.concurrencyByKey[apiKey] ?? this.host.settings.concurrency;
	}

	/** Starts the key's best ready jobs while it has free slots. */
	private pump(apiKey: string): void {
		const jobs = [...this.host.queue.jobs.values()].filter(
			(job) => job.apiKey === apiKey && !job.cancelled,
		);
		let running = jobs.filter((job) => job.status === 'IN_PROGRESS').length;
		const ready = jobs
			.filter((job) => job.status === 'IN_QUEUE' && job.ready)
			.sort((a, b) => (startsBefore(a, b) ? -1 : 1));
		for (const job of ready) {
			if (running >= this.limitOf(apiKey)) return;
			this.start(job);
			running += 1;
		}
	}

	private start(job: Job): void {
		clearTimeout(job.deadline);
		const { queue, settings } = this.host;
		queue.setStatus(job, 'IN_PROGRESS');
		queue.log(job, `Loading ${job.endpointId}`);
		job.timer = setTimeout(() => {
			if (job.cancelled) return;
			queue.log(job, 'Running inference');
			this.execute(job).then(
				({ outcome, billed }) => this.finish(job, outcome, billed),
				(error: Error) =>
					this.finish(
						job,
						{ status: 500, body: { detail: error.message, error_type: 'internal_error' } },
						[],
					),
			);
		}, settings.inferenceTimeMs + this.host.inferenceJitter());
	}

	/** The model (or workflow) itself: its outcome and the calls to bill. */
	private async execute(job: Job): Promise<{ outcome: JobOutcome; billed: BilledRun[] }> {
		const fault = this.failing.get(job);
		if (fault) {
			return {
				outcome: {
					status: 500,
					body: {
						detail: 'The runner stopped before the request finished.',
						error_type: fault.errorType ?? 'runner_disconnected',
					},
				},
				billed: [],
			};
		}
		const { settings, store } = this.host;
		const run: JobRun = {
			input: job.input,
			loadFile: (url) => fetchFileInput(url, store, settings.remoteFiles),
			store: this.outputsOf(job),
			inferenceSeconds: (Date.now() - (job.startedAt ?? Date.now())) / 1000,
			videoOutput: settings.videoOutput,
		};
		const workflow = findWorkflow(job.endpointId);
		if (workflow) {
			const { billed, ...outcome } = await runWorkflow(workflow, run);
			return { outcome, billed };
		}
		const outcome = await runEndpoint(findEmulatedEndpoint(job.endpointId)!, run);
		return {
			outcome,
			billed:
				outcome.status === 200
					? [{ endpointId: job.endpointId, input: job.input, output: outcome.body }]
					: [],
		};
	}

	/** Where the job's runner stores its files: the CDN, for the job's object lifetime, each file noted on the job. */
	private outputsOf(job: Job): FileSink {
		return {
			add: (bytes, contentType, fileName) => {
				const url = this.host.store.add(
					bytes,
					contentType,
					fileName,
					job.options.objectLifetimeSeconds,
				);
				job.outputFiles.push(url);
				return url;
			},
		};
	}

	private finish(job: Job, outcome: JobOutcome, billed: BilledRun[]): void {
		if (job.cancelled) return;
		job.outcome = outcome;
		this.host.queue.log(
			job,
			outcome.status === 200 ? 'Done' : `Failed with status ${outcome.status}`,
			outcome.status === 200 ? 'INFO' : 'ERROR',
		);
		this.host.queue.setStatus(job, 'COMPLETED');
		job.charges = chargesOf(
			billed,
			(job.completedAt! - (job.startedAt ?? job.completedAt!)) / 1000,
		);
		if (job.webhookUrl)
			void this.host.webhooks.send(job, this.host.stats().webhooks, this.host.settings);
		this.pump(job.apiKey);
	}

	/** The start deadline passed: if the job has not started, it never will. */
	private timeOut(job: Job): void {
		if (job.status !== 'IN_QUEUE' || job.cancelled) return;
		clearTimeout(job.timer);
		job.timedOutBeforeStart = true;
		job.outcome = { ...START_TIMEOUT, headers: { ...START_TIMEOUT.headers } };
		this.host.queue.setStatus(job, 'COMPLETED');
		if (job.webhookUrl)
			void this.host.webhooks.send(job, this.host.stats().webhooks, this.host.settings);
	}
}
