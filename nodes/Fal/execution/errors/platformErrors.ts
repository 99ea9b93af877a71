import { type INode, type JsonObject, NodeApiError } from 'n8n-workflow';
import { toNodeError } from './nodeErrors';
import { FalApiError } from '../../transport/failures';
import { PlatformFailure } from '../../transport/platform';

/**
 * fal's Platform API errors (`{"error": {type, message, docs_url?,
 * request_id?}}`, not the queue's `detail`) as the n8n error a user reads:
 * the action, fal's message, and what to do. A normal key on an admin route
 * is told where to get an admin key.
 */

const KEYS_PAGE = 'https://fal.ai/dashboard/keys';

interface PlatformErrorBody {
	type?: string;
	message?: string;
	docs_url?: string;
	request_id?: string;
}

export function platformNodeError(
	node: INode,
	failure: PlatformFailure,
	itemIndex: number,
): NodeApiError {
	const { call } = failure;
	const cause = failure.failure;
	if (!(cause instanceof FalApiError)) {
		// No answer (network, proxy): worded as every other request to fal.
		return toNodeError(node, cause, {
			itemIndex,
			endpointId: `fal's Platform API (${call.action})`,
		});
	}
	const body = (cause.body ?? {}) as JsonObject;
	const error = (
		typeof body.error === 'object' && body.error !== null ? body.error : {}
	) as PlatformErrorBody;
	const said = error.message ?? (typeof body.detail === 'string' ? body.detail : cause.message);
	const footer = [
		error.type ? `fal's error type: ${error.type}` : undefined,
		error.docs_url ? `fal's docs: ${error.docs_url}` : undefined,
		(error.request_id ?? cause.requestId)
			? `fal request ID: ${error.request_id ?? cause.requestId}`
			: undefined,
		cause.attempts > 1 ? `Tried ${cause.attempts} times (Node Options → Max Retries).` : undefined,
	];
	const { message, advice } = wording(cause.status, call, said);
	return new NodeApiError(node, body, {
		message,
		description: [advice, ...footer].filter(Boolean).join('\n'),
		httpCode: String(cause.status),
		itemIndex,
	});
}

function wording(
	status: number,
	call: PlatformFailure['call'],
	said: string,
): { message: string; advice?: string } {
	const { action } = call;
	if (status === 401)
		return {
			message: `fal rejected the API key (401) for ${action}`,
			advice: `Check the API key in the fal.ai credential (${KEYS_PAGE}). fal said: ${said}`,
		};
	if (status === 403 && call.admin) {
		return {
			message: `${action} needs a fal admin key: fal refused this credential's key (403)`,
			advice: `Create a key with the ADMIN scope at fal.ai → Dashboard → Keys (${KEYS_PAGE}) and put it in a fal.ai credential for this node. fal said: ${said}`,
		};
	}
	if (status === 403)
		return {
			message: `fal refused ${action} (403): ${said}`,
			advice: "Check the key's scope and the account's access.",
		};
	if (status === 404)
		return {
			message: `fal found nothing for ${action}: ${said}`,
			advice: 'Check the endpoint ID, request ID or workflow named above.',
		};
	if (status === 400 || status === 422)
		return { message: `fal rejected the parameters of ${action}: ${said}` };
	if (status === 429)
		return {
			message: `fal is rate limiting ${action} (429): ${said}`,
			advice: 'Run it less often, or raise Node Options → Max Retries and Retry Delay.',
		};
	return { message: `fal's Platform API answered ${status} to ${action}: ${said}` };
}

/** A failure while the editor loads options (a list, a schema): fal's Platform API errors worded as such, any other as a request to fal. */
export function editorErrorOf(node: INode, error: unknown, what: string): NodeApiError {
	return error instanceof PlatformFailure
		? platformNodeError(node, error, 0)
		: toNodeError(node, error, { itemIndex: 0, endpointId: what });
}
