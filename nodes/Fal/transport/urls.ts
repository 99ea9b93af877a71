/**
 * fal's URLs, built as @fal-ai/client builds them (its `buildUrl` and
 * `parseEndpointId`): the wire-equivalence tests hold the two to the same
 * bytes, query encoding included.
 */

const QUEUE_BASE_URL = 'https://queue.fal.run';
const REST_BASE_URL = 'https://rest.fal.ai';
/** fal's Platform API: the model catalogue, pricing, usage (fal-platform.md). */
export const PLATFORM_BASE_URL = 'https://api.fal.ai/v1';

/** Endpoint ids under these prefixes carry one more segment before owner/alias (fal workflows, ComfyUI apps). */
const NAMESPACES = ['workflows', 'comfy'];

/**
 * The app an endpoint belongs to: `owner/alias`, or `workflows/owner/alias`.
 * Status, result and cancel live on the app, submissions on the full id.
 */
export function appIdOf(endpointId: string): string {
	const parts = endpointId.split('/');
	const size = NAMESPACES.includes(parts[0]) ? 3 : 2;
	return parts.slice(0, size).join('/');
}

function withQuery(url: string, query: Record<string, string> | undefined): string {
	const search =
		query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
	return `${url}${search}`;
}

/** Submissions: the full endpoint id; fal's webhook as `fal_webhook`, the queue cap as `fal_max_queue_length`. */
export function submitUrl(
	endpointId: string,
	query: { webhookUrl?: string; maxQueueLength?: number } = {},
): string {
	return withQuery(`${QUEUE_BASE_URL}/${endpointId}`, {
		...(query.webhookUrl ? { fal_webhook: query.webhookUrl } : {}),
		...(query.maxQueueLength !== undefined
			? { fal_max_queue_length: String(query.maxQueueLength) }
			: {}),
	});
}

/** One request's routes: `''` (its result), `status`, `status/stream`, `cancel`. */
export function requestUrl(
	endpointId: string,
	requestId: string,
	path: '' | 'status' | 'status/stream' | 'cancel',
	query?: Record<string, string>,
): string {
	const base = `${QUEUE_BASE_URL}/${appIdOf(endpointId)}/requests/${requestId}`;
	return withQuery(path ? `${base}/${path}` : base, query);
}

/** fal storage's upload initiation, single or multipart. */
export function initiateUploadUrl(multipart: boolean): string {
	return `${REST_BASE_URL}/storage/upload/${multipart ? 'initiate-multipart' : 'initiate'}?storage_type=fal-cdn-v3`;
}

/** A multipart upload's part `n` (1-based) or its `complete` call: the upload URL's path plus a segment, its query kept. */
export function multipartUrl(uploadUrl: string, segment: number | 'complete'): string {
	const url = new URL(uploadUrl);
	return `${url.origin}${url.pathname}/${segment}${url.search}`;
}

/** fal's webhook keys (JWKS): the URL fal's docs give, then the one also seen serving it (fal-platform.md, Webhooks). */
export const JWKS_URLS = [
	'https://rest.alpha.fal.ai/.well-known/jwks.json',
	`${REST_BASE_URL}/.well-known/jwks.json`,
];
