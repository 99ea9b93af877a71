import { ApiError, type FalClient, type InQueueQueueStatus, type QueueStatus } from './falClient';
import { sleepUnlessAborted } from './retry';

/**
 * fal's queue, as one request goes through it: submit, wait for COMPLETED,
 * fetch the result, cancel. The protocol itself (URLs, auth) is
 * @fal-ai/client's and its retries are retryingFetch's; this file decides how
 * long to wait and what happens when the wait is cut short.
 */

export type StatusMode = 'stream' | 'poll';

export interface WaitOptions {
	/** The execution's cancel signal: when it fires the fal request is cancelled. */
	cancelSignal?: AbortSignal;
	/** From submission; when it passes the fal request is cancelled. */
	maxWaitMs: number;
	/** Between status requests when polling (also the fallback from streaming). */
	pollIntervalMs: number;
	statusMode: StatusMode;
	onStatus?: (status: QueueStatus) => void;
}

/**
 * How a wait ended. Not thrown: the node turns each case into the n8n error
 * its user should read, with the request id.
 */
export type WaitOutcome =
	| { status: 'completed'; output: unknown }
	/** fal answered with an error (422, 5xx, ...) or could not be reached. */
	| { status: 'failed'; error: unknown }
	/** Max Wait passed or the execution was cancelled; fal was asked to cancel. */
	| { status: 'stopped'; reason: 'maxWait' | 'executionCancelled'; cancelFailure?: string };

/** fal's answer to a submission: the request id and the URLs of its status, result and cancel. */
export type SubmittedRequest = InQueueQueueStatus;

/** Submits a request; with `webhookUrl`, fal POSTs the outcome there when it finishes. */
export async function submitRequest(client: FalClient, endpointId: string, input: Record<string, unknown>, webhookUrl?: string): Promise<SubmittedRequest> {
	// No abort signal on purpose: a submission cut off mid-flight may still have
	// been accepted (and billed) without us learning its id to cancel it.
	return await client.queue.submit(endpointId, { input, ...(webhookUrl ? { webhookUrl } : {}) });
}

/** The output of a finished request (fal answers a failed one with its error). */
export async function fetchResult(client: FalClient, endpointId: string, requestId: string, abortSignal?: AbortSignal): Promise<unknown> {
	const result = await client.queue.result(endpointId, { requestId, abortSignal });
	return result.data;
}

export type CancelAnswer = 'CANCELLATION_REQUESTED' | 'ALREADY_COMPLETED';

/** Asks fal to cancel; a request that already finished is an answer, not an error. */
export async function cancelQueuedRequest(client: FalClient, endpointId: string, requestId: string): Promise<CancelAnswer> {
	return await client.queue.cancel(endpointId, { requestId }).then(
		() => 'CANCELLATION_REQUESTED' as const,
		// fal answers 400 {"status": "ALREADY_COMPLETED"}; any other failure stays one.
		async (error: unknown) => (isAlreadyCompleted(error) ? ('ALREADY_COMPLETED' as const) : await Promise.reject(error)),
	);
}

function isAlreadyCompleted(error: unknown): boolean {
	return error instanceof ApiError && error.status === 400 && (error.body as { status?: string } | undefined)?.status === 'ALREADY_COMPLETED';
}

/**
 * Waits for a submitted request and fetches its output. On Max Wait or
 * execution cancel, cancels the fal request first.
 */
export async function waitForResult(client: FalClient, endpointId: string, requestId: string, options: WaitOptions): Promise<WaitOutcome> {
	const deadline = AbortSignal.timeout(options.maxWaitMs);
	const signal = options.cancelSignal ? AbortSignal.any([options.cancelSignal, deadline]) : deadline;
	let failure: unknown;
	try {
		await waitForCompletion(client, endpointId, requestId, signal, options);
		return { status: 'completed', output: await fetchResult(client, endpointId, requestId, signal) };
	} catch (error) {
		failure = error;
	}
	if (!signal.aborted) return { status: 'failed', error: failure };
	const cancelFailure = await cancelRequest(client, endpointId, requestId);
	return { status: 'stopped', reason: options.cancelSignal?.aborted ? 'executionCancelled' : 'maxWait', cancelFailure };
}

/** Asks fal to cancel; returns why that failed, if it did (a finished request cannot be cancelled). */
export async function cancelRequest(client: FalClient, endpointId: string, requestId: string): Promise<string | undefined> {
	try {
		return (await cancelQueuedRequest(client, endpointId, requestId)) === 'ALREADY_COMPLETED' ? 'the request had already finished' : undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

async function waitForCompletion(client: FalClient, endpointId: string, requestId: string, signal: AbortSignal, options: WaitOptions): Promise<QueueStatus> {
	if (options.statusMode === 'stream') {
		const completed = await streamUntilCompleted(client, endpointId, requestId, signal, options);
		if (completed) return completed;
	}
	for (;;) {
		signal.throwIfAborted();
		const status = await client.queue.status(endpointId, { requestId, logs: true, abortSignal: signal });
		options.onStatus?.(status);
		if (status.status === 'COMPLETED') return status;
		await sleepUnlessAborted(options.pollIntervalMs, signal);
	}
}

/**
 * Follows fal's status stream (one long request, updates as they happen).
 * Returns undefined when the stream cannot be used (a proxy that buffers or
 * refuses it, a dropped connection) so the caller falls back to polling, which
 * also surfaces any real error the stream hid.
 */
async function streamUntilCompleted(client: FalClient, endpointId: string, requestId: string, signal: AbortSignal, options: WaitOptions): Promise<QueueStatus | undefined> {
	let stream: Awaited<ReturnType<FalClient['queue']['streamStatus']>>;
	try {
		stream = await client.queue.streamStatus(endpointId, { requestId, logs: true });
	} catch {
		return undefined; // polling takes over, see above
	}
	const stop = () => stream.abort();
	signal.addEventListener('abort', stop, { once: true });
	stream.on('data', (status: QueueStatus) => options.onStatus?.(status));
	try {
		const last = await stream.done();
		return last?.status === 'COMPLETED' && !signal.aborted ? last : undefined;
	} catch {
		// The polling that follows reports real errors, and stops at once if
		// the wait was aborted.
		return undefined;
	} finally {
		signal.removeEventListener('abort', stop);
	}
}
