/**
 * fal's queue (https://queue.fal.run), route by route (fal-protocol.md):
 * submit to an endpoint or a fal workflow (`workflows/{user}/{name}`), status
 * (polled or streamed), result and cancel. The scheduler (scheduler.ts)
 * decides when each job runs; this module answers the requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizeQueue } from './auth';
import { findEmulatedEndpoint } from './endpoints/registry';
import type { FaultRule, RouteName } from './faults';
import { readBody, sendJson } from './http';
import type { Job, JobQueue } from './queue';
import { maxQueueLengthOf, queueOptionsOf } from './queueOptions';
import { appIdOf, parseQueuePath } from './routes';
import type { Scheduler } from './scheduler';
import type { FalEmulatorSettings, FalEmulatorStats } from './settings';
import { findWorkflow } from './workflows/definitions';

const REQUEST_ID_HEADER = 'x-fal-request-id';

export interface QueueHost {
	readonly settings: FalEmulatorSettings;
	readonly queue: JobQueue;
	readonly scheduler: Scheduler;
	stats(): FalEmulatorStats;
	/** Counts the call and applies a fault rule that fires for it (server.ts). */
	injectFault(
		route: RouteName,
		request: IncomingMessage,
		response: ServerResponse,
		endpointId?: string,
	): FaultRule | 'answered' | undefined;
}

export async function handleQueue(
	host: QueueHost,
	target: URL,
	method: string,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const route = parseQueuePath(target.pathname, method);
	if (!route) return sendJson(response, 404, { detail: `Not found: ${method} ${target.pathname}` });
	const fault = host.injectFault(route.route, request, response, route.appPath);
	if (fault === 'answered') return;
	const apiKey = authorizeQueue(request, response, host.settings, host.stats());
	if (apiKey === undefined) return;
	if (route.route === 'submit')
		return submit(host, apiKey, route.appPath, target, request, response, fault);

	const job = route.requestId ? host.queue.jobs.get(route.requestId) : undefined;
	const belongs = job && (route.appPath === job.appId || route.appPath === job.endpointId);
	if (route.route === 'cancel')
		return cancel(host, belongs ? job : undefined, route.requestId, response);
	if (!job || !belongs)
		return sendJson(response, 404, { detail: `Request ${route.requestId} not found` });
	const withLogs = target.searchParams.get('logs') === '1';
	if (route.route === 'status' || route.route === 'statusStream') job.statusRequests += 1;
	if (route.route === 'status')
		return sendJson(
			response,
			job.status === 'COMPLETED' ? 200 : 202,
			host.queue.statusBody(job, withLogs),
		);
	if (route.route === 'statusStream')
		return streamStatus(host.queue, job, withLogs, request, response);
	return result(job, response);
}

/** Jobs of this endpoint waiting IN_QUEUE (what `fal_max_queue_length` compares with). */
function waitingFor(queue: JobQueue, endpointId: string): number {
	let waiting = 0;
	for (const job of queue.jobs.values())
		if (job.endpointId === endpointId && job.status === 'IN_QUEUE' && !job.cancelled) waiting++;
	return waiting;
}

async function submit(
	host: QueueHost,
	apiKey: string,
	appPath: string,
	target: URL,
	request: IncomingMessage,
	response: ServerResponse,
	fault?: FaultRule,
): Promise<void> {
	if (!findEmulatedEndpoint(appPath) && !findWorkflow(appPath))
		return sendJson(response, 404, { detail: `Application '${appPath}' not found` });
	const maxQueueLength = maxQueueLengthOf(target.searchParams);
	const waiting = waitingFor(host.queue, appPath);
	if (maxQueueLength !== undefined && waiting >= maxQueueLength) {
		return sendJson(
			response,
			429,
			{ detail: `The queue of ${appPath} is full (${waiting} requests waiting); try again later.` },
			{ 'x-fal-error-type': 'queue_full' },
		);
	}
	let input: unknown;
	try {
		input = JSON.parse((await readBody(request)).toString('utf8') || '{}');
	} catch {
		return sendJson(response, 422, {
			detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }],
		});
	}
	const headers = Object.fromEntries(
		Object.entries(request.headers).map(([key, value]) => [key.toLowerCase(), String(value)]),
	);
	const job = host.queue.create({
		endpointId: appPath,
		appId: appIdOf(appPath),
		input: input as Record<string, unknown>,
		headers,
		apiKey,
		options: queueOptionsOf(headers),
		webhookUrl: target.searchParams.get('fal_webhook') ?? undefined,
	});
	const stats = host.stats();
	stats.submissions[appPath] = (stats.submissions[appPath] ?? 0) + 1;
	host.scheduler.admit(job, fault);
	sendJson(
		response,
		200,
		{ status: 'IN_QUEUE', request_id: job.requestId, ...host.queue.statusBody(job, false) },
		{ [REQUEST_ID_HEADER]: job.requestId },
	);
}

function cancel(
	host: QueueHost,
	job: Job | undefined,
	requestId: string | undefined,
	response: ServerResponse,
): void {
	const stats = host.stats();
	stats.cancels += 1;
	if (!job) return sendJson(response, 404, { status: 'NOT_FOUND' });
	if (job.status === 'COMPLETED') return sendJson(response, 400, { status: 'ALREADY_COMPLETED' });
	stats.cancelledRequestIds.push(requestId!);
	host.scheduler.cancel(job);
	sendJson(response, 202, { status: 'CANCELLATION_REQUESTED' });
}

function result(job: Job, response: ServerResponse): void {
	if (job.status !== 'COMPLETED' || !job.outcome) {
		return sendJson(
			response,
			400,
			{ detail: 'Request is still in progress' },
			{ [REQUEST_ID_HEADER]: job.requestId },
		);
	}
	job.resultServedAt ??= Date.now();
	sendJson(response, job.outcome.status, job.outcome.body, {
		...job.outcome.headers,
		[REQUEST_ID_HEADER]: job.requestId,
	});
}

/** Server-sent events: one `data:` event per change, closed after COMPLETED. */
function streamStatus(
	queue: JobQueue,
	job: Job,
	withLogs: boolean,
	request: IncomingMessage,
	response: ServerResponse,
): void {
	response.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
		[REQUEST_ID_HEADER]: job.requestId,
	});
	let logsSent = 0;
	let lastStatus: string | undefined;
	const send = () => {
		if (job.status === lastStatus && job.logs.length === logsSent) return;
		lastStatus = job.status;
		// Each event carries only the logs since the previous one: the client accumulates them.
		response.write(`data: ${JSON.stringify(queue.statusBody(job, withLogs, logsSent))}\n\n`);
		logsSent = job.logs.length;
		if (job.status === 'COMPLETED') {
			job.listeners.delete(send);
			response.end();
		}
	};
	job.listeners.add(send);
	request.on('close', () => job.listeners.delete(send));
	send();
}
