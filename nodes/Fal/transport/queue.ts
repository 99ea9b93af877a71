import { FalApiError } from './failures';
import { callFal, type FalConnection } from './request';
import type { QueueRef, QueueStatus, SubmittedRequest } from './types';
import { requestUrl, submitUrl } from './urls';

/**
 * fal's queue routes (fal-protocol.md, "Queue"), each sent as @fal-ai/client's
 * `queue` sends it. How long to wait, and what a cut-short wait does, is
 * wait.ts's.
 */

/** How fal queues a submission (fal-platform.md, "Queue request headers"); unset ones are not sent. */
export interface SubmitOptions {
	/** fal POSTs the outcome here when the request finishes (`fal_webhook`). */
	webhookUrl?: string;
	/** fal starts nothing that has waited longer (`X-Fal-Request-Timeout`); above 1. */
	startTimeoutSeconds?: number;
	priority?: 'normal' | 'low';
	/** false: fal keeps no payloads (`X-Fal-Store-IO: 0`). */
	storePayloads?: boolean;
	/** How long fal's CDN keeps the output files (`X-Fal-Object-Lifecycle-Preference`). */
	outputLifetimeSeconds?: number;
	/** fal answers 429 instead of queueing past this (`fal_max_queue_length`). */
	maxQueueLength?: number;
}

/**
 * Submits a request. Headers as @fal-ai/client's `queue.submit` builds them
 * from its `headers`, `storageSettings`, `priority` and `startTimeout`
 * options, in that order (the wire tests compare them).
 */
export async function submitRequest(
	connection: FalConnection,
	endpointId: string,
	input: Record<string, unknown>,
	options: SubmitOptions = {},
): Promise<SubmittedRequest> {
	const headers: Record<string, string> = {};
	if (options.storePayloads === false) headers['x-fal-store-io'] = '0';
	if (options.outputLifetimeSeconds !== undefined) {
		headers['x-fal-object-lifecycle-preference'] = JSON.stringify({
			expiration_duration_seconds: options.outputLifetimeSeconds,
		});
	}
	// What the client sends when no priority is chosen: normal.
	headers['x-fal-queue-priority'] = options.priority ?? 'normal';
	if (options.startTimeoutSeconds !== undefined)
		headers['x-fal-request-timeout'] = String(options.startTimeoutSeconds);
	const { body } = await callFal<SubmittedRequest>(connection, {
		route: 'submit',
		method: 'POST',
		url: submitUrl(endpointId, {
			webhookUrl: options.webhookUrl,
			maxQueueLength: options.maxQueueLength,
		}),
		body: input,
		headers,
		// No abort signal: a submission cut off mid-flight may still have been
		// accepted (and billed) without us learning its id to cancel it.
	});
	return body;
}

/** The URL of one of a request's routes: the submission answer's, or built as the client builds it. */
export function refUrl(
	ref: QueueRef,
	path: '' | 'status' | 'status/stream' | 'cancel',
	query?: Record<string, string>,
): string {
	if (!ref.urls) return requestUrl(ref.endpointId, ref.requestId, path, query);
	const base =
		path === ''
			? ref.urls.response
			: path === 'cancel'
				? ref.urls.cancel
				: path === 'status'
					? ref.urls.status
					: `${ref.urls.status.replace(/[?#].*$/, '')}/stream`;
	if (!query) return base;
	const url = new URL(base);
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	return url.toString();
}

/** The answer's own URLs of a submission, when it has all three. */
export function answerUrls(submitted: SubmittedRequest): QueueRef['urls'] {
	const { status_url: status, response_url: response, cancel_url: cancel } = submitted;
	return status && response && cancel ? { status, response, cancel } : undefined;
}

/** A request's status; `logs` asks for its log lines. */
export async function fetchStatus(
	connection: FalConnection,
	ref: QueueRef,
	logs: boolean,
	signal?: AbortSignal,
): Promise<QueueStatus> {
	const url = refUrl(ref, 'status', { logs: logs ? '1' : '0' });
	return (await callFal<QueueStatus>(connection, { route: 'status', method: 'GET', url, signal }))
		.body;
}

/** The output of a finished request (fal answers a failed one with its error). */
export async function fetchResult(
	connection: FalConnection,
	ref: QueueRef,
	signal?: AbortSignal,
): Promise<unknown> {
	return (
		await callFal(connection, { route: 'result', method: 'GET', url: refUrl(ref, ''), signal })
	).body;
}

export type CancelAnswer = 'CANCELLATION_REQUESTED' | 'ALREADY_COMPLETED';

/** Asks fal to cancel; a request that already finished is an answer, not an error. */
export async function cancelQueuedRequest(
	connection: FalConnection,
	ref: QueueRef,
): Promise<CancelAnswer> {
	// No abort signal: a cancel is sent because the execution stopped.
	return await callFal(connection, {
		route: 'cancel',
		method: 'PUT',
		url: refUrl(ref, 'cancel'),
	}).then(
		() => 'CANCELLATION_REQUESTED' as const,
		// fal answers 400 {"status": "ALREADY_COMPLETED"}; any other failure stays one.
		async (error: unknown) =>
			isAlreadyCompleted(error) ? ('ALREADY_COMPLETED' as const) : await Promise.reject(error),
	);
}

function isAlreadyCompleted(error: unknown): boolean {
	return (
		error instanceof FalApiError &&
		error.status === 400 &&
		(error.body as { status?: unknown } | undefined)?.status === 'ALREADY_COMPLETED'
	);
}
