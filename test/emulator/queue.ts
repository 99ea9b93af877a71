import { randomUUID } from 'node:crypto';
import type { Charge } from './platform/costs';
import type { QueueOptions } from './queueOptions';

export type QueueStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';

export interface LogEntry {
	message: string;
	level: 'INFO' | 'DEBUG' | 'ERROR' | 'WARN';
	source: 'USER';
	timestamp: string;
}

export interface Job {
	requestId: string;
	/** The full endpoint id the job was submitted to, e.g. fal-ai/fast-sdxl/inpainting. */
	endpointId: string;
	/** owner/alias (workflows/user/name for a fal workflow): what status, result and cancel URLs use. */
	appId: string;
	input: Record<string, unknown>;
	/** The submit request's headers, lower-cased, for tests to inspect. */
	headers: Record<string, string>;
	/** The key it was submitted with: concurrency limits and queue positions are per key. */
	apiKey: string;
	/** The queue headers it was submitted with, as the emulator honours them (queueOptions.ts). */
	options: QueueOptions;
	/** Submission order, which breaks ties between jobs submitted in the same millisecond. */
	sequence: number;
	/** Its queueTimeMs is over: it starts as soon as its key has a free slot and no better job waits. */
	ready: boolean;
	/** Its X-Fal-Request-Timeout passed before it started: it never ran, its result is a 504. */
	timedOutBeforeStart: boolean;
	/** The files its run stored on the emulator's CDN (what payload deletion removes). */
	outputFiles: string[];
	/** DELETE .../payloads was called for it: the request history no longer shows its input and output. */
	payloadsDeleted: boolean;
	/** What it cost (platform/costs.ts): set when it finishes successfully. */
	charges: Charge[];
	webhookUrl?: string;
	submittedAt: number;
	startedAt?: number;
	completedAt?: number;
	/** When the result route first answered with the finished job's outcome: when the client had its result. */
	resultServedAt?: number;
	/** Status requests for this job that reached it (polls and status streams, not faulted ones). */
	statusRequests: number;
	status: QueueStatus;
	logs: LogEntry[];
	cancelled: boolean;
	/** What the result route answers once COMPLETED (with these response headers, if any). */
	outcome?: { status: number; body: unknown; headers?: Record<string, string> };
	/** Called on every change of status or logs. */
	listeners: Set<() => void>;
	/** The timer of its current stage (queue time, inference). */
	timer?: NodeJS.Timeout;
	/** The timer of its start deadline (X-Fal-Request-Timeout). */
	deadline?: NodeJS.Timeout;
}

export type NewJob = Pick<
	Job,
	'endpointId' | 'appId' | 'input' | 'headers' | 'apiKey' | 'options' | 'webhookUrl'
>;

/** fal's queue host, as the client addresses it. */
export const QUEUE_HOST = 'queue.fal.run';

/** The URLs fal hands back for a request: always on owner/alias, not the full path. */
function requestUrls(job: Job): Record<string, string> {
	const base = `https://${QUEUE_HOST}/${job.appId}/requests/${job.requestId}`;
	return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
}

export class JobQueue {
	readonly jobs = new Map<string, Job>();

	private sequence = 0;

	create(spec: NewJob): Job {
		const job: Job = {
			...spec,
			requestId: randomUUID(),
			sequence: ++this.sequence,
			ready: false,
			timedOutBeforeStart: false,
			outputFiles: [],
			payloadsDeleted: false,
			charges: [],
			submittedAt: Date.now(),
			status: 'IN_QUEUE',
			statusRequests: 0,
			logs: [],
			cancelled: false,
			listeners: new Set(),
		};
		this.jobs.set(job.requestId, job);
		return job;
	}

	/** Jobs of the same key still waiting that will start before this one. */
	queuePosition(job: Job): number {
		let ahead = 0;
		for (const other of this.jobs.values()) {
			if (
				other !== job &&
				other.apiKey === job.apiKey &&
				other.status === 'IN_QUEUE' &&
				startsBefore(other, job)
			)
				ahead++;
		}
		return ahead;
	}

	log(job: Job, message: string, level: LogEntry['level'] = 'INFO'): void {
		job.logs.push({ message, level, source: 'USER', timestamp: new Date().toISOString() });
		this.notify(job);
	}

	setStatus(job: Job, status: QueueStatus): void {
		job.status = status;
		if (status === 'IN_PROGRESS') job.startedAt = Date.now();
		if (status === 'COMPLETED') job.completedAt = Date.now();
		this.notify(job);
	}

	notify(job: Job): void {
		for (const listener of [...job.listeners]) listener();
	}

	/** A status body as fal sends it. */
	statusBody(job: Job, withLogs: boolean, logsFrom = 0): Record<string, unknown> {
		const body: Record<string, unknown> = {
			status: job.status,
			request_id: job.requestId,
			...requestUrls(job),
		};
		if (job.status === 'IN_QUEUE') body.queue_position = this.queuePosition(job);
		if (job.status !== 'IN_QUEUE') body.logs = withLogs ? job.logs.slice(logsFrom) : null;
		if (job.status === 'COMPLETED' && job.startedAt && job.completedAt) {
			body.metrics = { inference_time: (job.completedAt - job.startedAt) / 1000 };
		}
		return body;
	}

	clear(): void {
		for (const job of this.jobs.values()) {
			clearTimeout(job.timer);
			clearTimeout(job.deadline);
		}
		this.jobs.clear();
	}
}

/** fal's order among waiting jobs: every normal-priority job before a low one, then first come, first served. */
export function startsBefore(a: Job, b: Job): boolean {
	if (a.options.priority !== b.options.priority) return a.options.priority === 'normal';
	return a.sequence < b.sequence;
}

/** A job that ran to an outcome: not cancelled, not timed out before it started. What the Platform API reports. */
export function hasRun(
	job: Job,
): job is Job & { outcome: NonNullable<Job['outcome']>; startedAt: number; completedAt: number } {
	return (
		Boolean(job.outcome) &&
		!job.cancelled &&
		!job.timedOutBeforeStart &&
		job.startedAt !== undefined &&
		job.completedAt !== undefined
	);
}

/** Most jobs that were between submission and completion at the same moment. */
export function peakInFlight(jobs: Job[]): number {
	const events = jobs.flatMap((job) => [
		{ at: job.submittedAt, change: 1 },
		{ at: job.completedAt ?? Number.POSITIVE_INFINITY, change: -1 },
	]);
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let current = 0;
	let peak = 0;
	for (const event of events) peak = Math.max(peak, (current += event.change));
	return peak;
}

/** Most jobs (of one key, if given) that were IN_PROGRESS at the same moment: what a concurrency limit bounds. */
export function peakRunning(jobs: Job[], apiKey?: string): number {
	const started = jobs.filter(
		(job) => job.startedAt !== undefined && (apiKey === undefined || job.apiKey === apiKey),
	);
	return peakInFlight(started.map((job) => ({ ...job, submittedAt: job.startedAt! })));
}

/**
 * Most jobs (of one key, if given) waiting IN_QUEUE at the same moment: from
 * submission until they started, or ended without starting (cancelled, timed
 * out). What Auto concurrency holds low.
 */
export function peakWaiting(jobs: Job[], apiKey?: string): number {
	const own = jobs.filter((job) => apiKey === undefined || job.apiKey === apiKey);
	return peakInFlight(
		own.map((job) => ({ ...job, completedAt: job.startedAt ?? job.completedAt })),
	);
}
