import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { EndpointFields } from '../../schema/types';
import { labelOf } from '../../schema/labels';
import { FalApiError, NetworkFailure } from '../../transport/failures';
import type { QueueStatus } from '../../transport/types';
import type { WaitOutcome } from '../../transport/wait';

export interface FalErrorContext {
	itemIndex: number;
	endpointId: string;
	/** To name fields in 422 errors the way the node labels them. */
	fields?: Pick<EndpointFields, 'input'>;
	/** Known once fal accepted the submission. */
	requestId?: string;
}

/**
 * Turns whatever fal (or the way to it) threw into the n8n error a user reads:
 * fal's own `detail`, the request id to quote to fal support, and what to do.
 * Never includes request headers, so the API key cannot leak through here.
 */
export function toNodeError(node: INode, cause: unknown, context: FalErrorContext): NodeApiError {
	const requestId =
		context.requestId ?? ((cause instanceof FalApiError && cause.requestId) || undefined);
	const error = withRequestId(
		fromCause(node, cause, context, requestId ? `fal request ID: ${requestId}` : undefined),
		requestId,
	);
	error.context.endpointId = context.endpointId;
	if (cause instanceof FalApiError || cause instanceof NetworkFailure)
		error.description = [error.description, ...retryLines(cause)].filter(Boolean).join('\n');
	return error;
}

/** What the retrying said about a failure: how often it was tried, and why a submission was not. */
function retryLines(final: FalApiError | NetworkFailure): string[] {
	if (final.maybeAccepted) {
		return [
			'fal may have accepted this submission before the answer was lost, so it was not sent again: that could run (and bill) the job twice. ' +
				"Look for it in fal's request history before running the item again.",
		];
	}
	return final.attempts > 1 ? [`Tried ${final.attempts} times (Node Options → Max Retries).`] : [];
}

function fromCause(
	node: INode,
	cause: unknown,
	context: FalErrorContext,
	requestLine: string | undefined,
): NodeApiError {
	const { itemIndex } = context;
	if (cause instanceof FalApiError) {
		const body = (cause.body ?? {}) as JsonObject;
		const httpCode = String(cause.status);
		if (cause.status === 422) {
			const fieldErrors = cause.fieldErrors;
			const lines = fieldErrors.map((fieldError) => {
				const path = fieldError.loc.filter((part) => part !== 'body').join('.');
				const field = context.fields?.input.find((candidate) => candidate.name === path);
				const name = field ? `${labelOf(field.name)} (${path})` : path || 'input';
				return `${name}: ${fieldError.msg}${fieldError.type ? ` [${fieldError.type}]` : ''}`;
			});
			return new NodeApiError(node, body, {
				message: `fal rejected the input for ${context.endpointId}${lines.length ? `: ${lines.join('; ')}` : `: ${detailOf(body) ?? cause.message}`}`,
				description: [...lines, requestLine].filter(Boolean).join('\n'),
				httpCode,
				itemIndex,
			});
		}
		const detail = detailOf(body) ?? cause.message;
		const queueOption = queueOptionError(cause, context, detail);
		if (queueOption)
			return new NodeApiError(node, body, {
				...queueOption,
				description: [queueOption.description, requestLine].filter(Boolean).join('\n'),
				httpCode,
				itemIndex,
			});
		if (cause.status === 401) {
			return new NodeApiError(node, body, {
				message: 'fal rejected the API key (401)',
				description: [
					`Check the API key in the fal.ai credential (fal.ai dashboard → Keys). fal said: ${detail}`,
					requestLine,
				]
					.filter(Boolean)
					.join('\n'),
				httpCode,
				itemIndex,
			});
		}
		if (cause.status === 403) {
			return new NodeApiError(node, body, {
				message:
					'fal refused the request (403): the key lacks access or the account has no balance left',
				description: [
					`Check the key's scope and your balance at fal.ai/dashboard/billing. fal said: ${detail}`,
					requestLine,
				]
					.filter(Boolean)
					.join('\n'),
				httpCode,
				itemIndex,
			});
		}
		return new NodeApiError(node, body, {
			message: `fal returned ${cause.status} for ${context.endpointId}: ${detail}`,
			description: requestLine,
			httpCode,
			itemIndex,
		});
	}
	const message = messageOf(cause);
	return new NodeApiError(node, { message } as JsonObject, {
		// In words, without the code: n8n replaces a message naming ECONNRESET & co with its own generic one.
		message: `Could not complete the fal request to ${context.endpointId}: ${cause instanceof NetworkFailure ? inWords(cause) : message}`,
		description: [
			`${message}. Check that this n8n can reach fal.ai (or the credential's Proxy URL).`,
			requestLine,
		]
			.filter(Boolean)
			.join('\n'),
		itemIndex,
	});
}

/** The refusals that the node's queue options ask fal for: final, and nothing billed. */
function queueOptionError(
	cause: FalApiError,
	context: FalErrorContext,
	detail: string,
): { message: string; description: string } | undefined {
	if (cause.startTimedOut) {
		return {
			message: `fal did not start the request to ${context.endpointId} within its Start Timeout: it ran nothing (504)`,
			description: `fal said: ${detail}. Nothing ran, so nothing is billed. Raise Node Options → Start Timeout (Seconds) (or Max Wait, which sets it when Start Timeout is not set), or run when fal's queue is shorter.`,
		};
	}
	if (cause.queueFull) {
		return {
			message: `fal's queue for ${context.endpointId} is longer than Max Queue Length: fal refused the request (429)`,
			description: `fal said: ${detail}. The request was not queued, so nothing is billed. Try again later, or raise Node Options → Max Queue Length.`,
		};
	}
	return undefined;
}

const NETWORK_FAILURES_IN_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer came',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'the connection was aborted',
	ETIMEDOUT: 'the connection timed out',
	EPIPE: 'the connection was closed while sending',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved (DNS)',
	EHOSTUNREACH: 'the host could not be reached',
	ENETUNREACH: 'the network could not be reached',
};

function inWords(failure: NetworkFailure): string {
	return (
		(failure.code && NETWORK_FAILURES_IN_WORDS[failure.code]) ??
		failure.message.replace(/\s*\((?:E|UND_ERR_|ERR_)[A-Z_]+\)$/, '')
	);
}

/** An endpoint's schema could not be read from fal's catalogue: its fields cannot be checked, so nothing is sent. */
export function schemaUnavailableError(
	node: INode,
	cause: unknown,
	context: { itemIndex: number; endpointId: string },
): NodeApiError {
	const reason = toNodeError(node, cause, {
		itemIndex: context.itemIndex,
		endpointId: "fal's model catalogue",
	});
	const error = new NodeApiError(node, { message: reason.message } as JsonObject, {
		message: `Could not read the input schema of ${context.endpointId}: ${reason.message}`,
		description: [
			reason.description,
			"Each item's fields are checked against that schema before anything is sent, so nothing was. Try again later, or set Input Mode to JSON, which needs no schema.",
		]
			.filter(Boolean)
			.join('\n'),
		itemIndex: context.itemIndex,
	});
	error.context.endpointId = context.endpointId;
	return error;
}

/** The wait was cut short (Max Wait, or the execution was cancelled). */
export function stoppedError(
	node: INode,
	outcome: Extract<WaitOutcome, { status: 'stopped' }>,
	context: { itemIndex: number; requestId: string; maxWaitMs: number },
): NodeOperationError {
	const cancelled = outcome.cancelFailure
		? `Cancelling it at fal failed: ${outcome.cancelFailure}`
		: 'It was cancelled at fal.';
	const error =
		outcome.reason === 'maxWait'
			? new NodeOperationError(
					node,
					`fal request ${context.requestId} did not finish within Max Wait (${context.maxWaitMs / 1000} s)`,
					{
						description: `${cancelled} Raise Node Options → Max Wait (Seconds) for slow models or busy queues.`,
						itemIndex: context.itemIndex,
					},
				)
			: // "canceled" as n8n spells it: the engine reads it to mark the execution canceled, not failed.
				new NodeOperationError(
					node,
					`Execution canceled while waiting for fal request ${context.requestId}`,
					{
						description: cancelled,
						itemIndex: context.itemIndex,
					},
				);
	return withRequestId(error, context.requestId);
}

/** The execution was stopped before this item reached fal: nothing to cancel there. */
export function canceledBeforeSubmitError(node: INode, itemIndex: number): NodeOperationError {
	// "canceled" as n8n spells it, as in stoppedError.
	return new NodeOperationError(
		node,
		`Execution canceled before item ${itemIndex} was submitted to fal`,
		{ itemIndex },
	);
}

/** Get Result asked for a request that is still queued or running. */
export function notFinishedError(
	node: INode,
	status: QueueStatus,
	context: { itemIndex: number; endpointId: string; requestId: string },
): NodeOperationError {
	const where =
		status.status === 'IN_QUEUE' ? `IN_QUEUE, position ${status.queue_position}` : status.status;
	const error = new NodeOperationError(
		node,
		`fal request ${context.requestId} has not finished yet (${where})`,
		{
			description:
				"Get its result once it is COMPLETED: after fal's webhook resumed a Wait node, or when Get Status says so.",
			itemIndex: context.itemIndex,
		},
	);
	error.context.endpointId = context.endpointId;
	return withRequestId(error, context.requestId);
}

/** Where error items and logs find the request id (n8n errors carry a free-form context). */
function withRequestId<E extends NodeApiError | NodeOperationError>(
	error: E,
	requestId: string | undefined,
): E {
	if (requestId) error.context.requestId = requestId;
	return error;
}

export function requestIdOf(error: NodeApiError | NodeOperationError): string | undefined {
	const requestId = error.context.requestId;
	return typeof requestId === 'string' ? requestId : undefined;
}

export function endpointIdOf(error: NodeApiError | NodeOperationError): string | undefined {
	const endpointId = error.context.endpointId;
	return typeof endpointId === 'string' ? endpointId : undefined;
}

/** fal's `detail` (a string, or a list of { msg } entries), or its Platform API's `error.message`. */
function detailOf(body: JsonObject): string | undefined {
	const platformMessage = (body.error as JsonObject | undefined)?.message;
	if (typeof platformMessage === 'string') return platformMessage;
	const detail = body.detail;
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) {
		return detail
			.map((entry) =>
				typeof entry === 'object' && entry !== null && 'msg' in entry
					? String(entry.msg)
					: JSON.stringify(entry),
			)
			.join('; ');
	}
	return undefined;
}

/** An error's message with its cause's, when the cause says more. */
function messageOf(error: unknown): string {
	// By shape, not instanceof: errors may come from another realm (a vm, a test runner).
	if (typeof (error as Error | undefined)?.message !== 'string') return String(error);
	const cause = (error as Error).cause as { message?: string; code?: string } | undefined;
	const why = cause?.message ?? cause?.code;
	const { message } = error as Error;
	return why && !message.includes(why) ? `${message} (${why})` : message;
}
