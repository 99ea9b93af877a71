import { randomUUID } from 'node:crypto';

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
	/** owner/alias: what status, result and cancel URLs use. */
	appId: string;
	input: Record<string, unknown>;
	/** The submit request's headers, lower-cased, for tests to inspect. */
	headers: Record<string, string>;
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
	/** What the result route answers once COMPLETED. */
	outcome?: { status: number; body: unknown };
	/** Called on every change of status or logs. */
	listeners: Set<() => void>;
	timer?: NodeJS.Timeout;
}

/** fal's queue host, as the client addresses it. */
export const QUEUE_HOST = 'queue.fal.run';

/** The URLs fal hands back for a request: always on owner/alias, not the full path. */
export function requestUrls(job: Job): Record<string, string> {
	const base = `https://${QUEUE_HOST}/${job.appId}/requests/${job.requestId}`;
	return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
}

export class JobQueue {
	readonly jobs = new Map<string, Job>();

	create(endpointId: string, appId: string, input: Record<string, unknown>, headers: Record<string, string>, webhookUrl?: string): Job {
		const job: Job = {
			requestId: randomUUID(),
			endpointId,
			appId,
			input,
			headers,
			webhookUrl,
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

	/** Jobs still waiting ahead of this one. */
	queuePosition(job: Job): number {
		let ahead = 0;
		for (const other of this.jobs.values()) {
			if (other !== job && other.status === 'IN_QUEUE' && other.submittedAt <= job.submittedAt) ahead++;
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
		const body: Record<string, unknown> = { status: job.status, request_id: job.requestId, ...requestUrls(job) };
		if (job.status === 'IN_QUEUE') body.queue_position = this.queuePosition(job);
		if (job.status !== 'IN_QUEUE') body.logs = withLogs ? job.logs.slice(logsFrom) : null;
		if (job.status === 'COMPLETED' && job.startedAt && job.completedAt) {
			body.metrics = { inference_time: (job.completedAt - job.startedAt) / 1000 };
		}
		return body;
	}

	clear(): void {
		for (const job of this.jobs.values()) clearTimeout(job.timer);
		this.jobs.clear();
	}
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
