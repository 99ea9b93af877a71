import { cancelQueuedRequest, fetchResult, fetchStatus } from './queue';
import type { FalConnection } from './request';
import { sleepUnlessAborted } from './retry';
import { streamUntilCompleted } from './statusStream';
import type { QueueRef, QueueStatus } from './types';

/**
 * Waiting for one submitted request: fal's status stream (or polling), then
 * its result. When Max Wait passes or the execution is cancelled, the fal
 * request is cancelled first, so nothing keeps running (and billing) unseen.
 */

type StatusMode = 'stream' | 'poll';

export interface WaitOptions {
	/** The execution's cancel signal: when it fires the fal request is cancelled. */
	cancelSignal?: AbortSignal;
	/** The run stopping early while this request is still queued: it is cancelled too. */
	stopSignal?: AbortSignal;
	/** From submission; when it passes the fal request is cancelled. */
	maxWaitMs: number;
	/** Between status requests when polling (also the fallback from streaming). */
	pollIntervalMs: number;
	statusMode: StatusMode;
	onStatus?: (status: QueueStatus) => void;
	/** Called when the wait is cut short, before fal is asked to cancel this request. */
	beforeCancel?: (reason: 'maxWait' | 'executionCancelled' | 'runStopped') => Promise<void> | void;
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
	| {
			status: 'stopped';
			reason: 'maxWait' | 'executionCancelled' | 'runStopped';
			cancelFailure?: string;
	  };

export async function waitForResult(
	connection: FalConnection,
	ref: QueueRef,
	options: WaitOptions,
): Promise<WaitOutcome> {
	const deadline = AbortSignal.timeout(options.maxWaitMs);
	const signal = AbortSignal.any([
		deadline,
		...[options.cancelSignal, options.stopSignal].filter(
			(each): each is AbortSignal => each !== undefined,
		),
	]);
	let failure: unknown;
	try {
		await waitForCompletion(connection, ref, signal, options);
		return { status: 'completed', output: await fetchResult(connection, ref, signal) };
	} catch (error) {
		failure = error;
	}
	if (!signal.aborted) return { status: 'failed', error: failure };
	const reason = options.cancelSignal?.aborted
		? 'executionCancelled'
		: options.stopSignal?.aborted
			? 'runStopped'
			: 'maxWait';
	await options.beforeCancel?.(reason);
	const cancelFailure = await cancelRequest(connection, ref);
	return { status: 'stopped', reason, cancelFailure };
}

/** Asks fal to cancel; returns why that failed, if it did (a finished request cannot be cancelled). */
async function cancelRequest(
	connection: FalConnection,
	ref: QueueRef,
): Promise<string | undefined> {
	try {
		return (await cancelQueuedRequest(connection, ref)) === 'ALREADY_COMPLETED'
			? 'the request had already finished'
			: undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

async function waitForCompletion(
	connection: FalConnection,
	ref: QueueRef,
	signal: AbortSignal,
	options: WaitOptions,
): Promise<QueueStatus> {
	const onStatus = options.onStatus ?? (() => undefined);
	if (options.statusMode === 'stream') {
		const completed = await streamUntilCompleted(connection, ref, signal, onStatus);
		if (completed) return completed;
	}
	for (;;) {
		signal.throwIfAborted();
		const status = await fetchStatus(connection, ref, true, signal);
		onStatus(status);
		if (status.status === 'COMPLETED') return status;
		await sleepUnlessAborted(options.pollIntervalMs, signal);
	}
}
