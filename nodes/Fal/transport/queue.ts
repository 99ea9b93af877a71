import { FalApiError } from './failures';
import { callFal, type FalConnection } from './request';
import type { QueueStatus, SubmittedRequest } from './types';
import { requestUrl, submitUrl } from './urls';

/**
 * fal's queue routes (fal-protocol.md, "Queue"), each sent as @fal-ai/client's
 * `queue` sends it. How long to wait, and what a cut-short wait does, is
 * wait.ts's.
 */

/** Submits a request; with `webhookUrl`, fal POSTs the outcome there when it finishes. */
export async function submitRequest(connection: FalConnection, endpointId: string, input: Record<string, unknown>, webhookUrl?: string): Promise<SubmittedRequest> {
	const { body } = await callFal<SubmittedRequest>(connection, {
		route: 'submit',
		method: 'POST',
		url: submitUrl(endpointId, webhookUrl),
		body: input,
		// What the client sends when no priority is chosen.
		headers: { 'x-fal-queue-priority': 'normal' },
		// No abort signal: a submission cut off mid-flight may still have been
		// accepted (and billed) without us learning its id to cancel it.
	});
	return body;
}

/** A request's status; `logs` asks for its log lines. */
export async function fetchStatus(connection: FalConnection, endpointId: string, requestId: string, logs: boolean, signal?: AbortSignal): Promise<QueueStatus> {
	const url = requestUrl(endpointId, requestId, 'status', { logs: logs ? '1' : '0' });
	return (await callFal<QueueStatus>(connection, { route: 'status', method: 'GET', url, signal })).body;
}

/** The output of a finished request (fal answers a failed one with its error). */
export async function fetchResult(connection: FalConnection, endpointId: string, requestId: string, signal?: AbortSignal): Promise<unknown> {
	return (await callFal(connection, { route: 'result', method: 'GET', url: requestUrl(endpointId, requestId, ''), signal })).body;
}

export type CancelAnswer = 'CANCELLATION_REQUESTED' | 'ALREADY_COMPLETED';

/** Asks fal to cancel; a request that already finished is an answer, not an error. */
export async function cancelQueuedRequest(connection: FalConnection, endpointId: string, requestId: string): Promise<CancelAnswer> {
	// No abort signal: a cancel is sent because the execution stopped.
	return await callFal(connection, { route: 'cancel', method: 'PUT', url: requestUrl(endpointId, requestId, 'cancel') }).then(
		() => 'CANCELLATION_REQUESTED' as const,
		// fal answers 400 {"status": "ALREADY_COMPLETED"}; any other failure stays one.
		async (error: unknown) => (isAlreadyCompleted(error) ? ('ALREADY_COMPLETED' as const) : await Promise.reject(error)),
	);
}

function isAlreadyCompleted(error: unknown): boolean {
	return error instanceof FalApiError && error.status === 400 && (error.body as { status?: unknown } | undefined)?.status === 'ALREADY_COMPLETED';
}
