/**
 * Two clients' requests side by side: what the emulator captured (see
 * test/emulator/capture.ts) reduced to what fal reads of a request, with the
 * parts that differ by nature (request ids, upload tokens, the time in an
 * unnamed file's name) replaced by placeholders.
 */
import { createHash } from 'node:crypto';
import type { CapturedRequest } from '../emulator/capture';
import type { RouteName } from '../emulator';

/** The headers fal acts on: the key, the body's type and length, what is accepted, the proxy's target, fal's own. */
const COMPARED_HEADERS = [
	'authorization',
	'content-type',
	'content-length',
	'accept',
	'x-fal-target-url',
];

export interface WireRequest {
	route?: RouteName;
	method: string;
	/** The fal URL it was for, path and query (ids replaced). */
	target: string;
	/** Where it went: through the Proxy URL (its path), or to fal's host directly. */
	sentTo: string;
	headers: Record<string, string>;
	/** JSON as sent (ids replaced), or the size and SHA-256 of binary bytes. */
	body: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HOST_PORT = /127\.0\.0\.1:\d+/g;

function normalize(text: string): string {
	return text
		.replace(UUID, '<id>')
		.replace(HOST_PORT, '<emulator>')
		.replace(/"file_name":"\d{13}\./, '"file_name":"<time>.');
}

function bodyOf(request: CapturedRequest): string {
	if (request.body.length === 0) return '';
	const text = request.body.toString('utf8');
	const isJson = (request.headers['content-type'] ?? '').includes('application/json');
	if (isJson) return normalize(text);
	return `${request.body.length} bytes, sha256 ${createHash('sha256').update(request.body).digest('hex')}`;
}

function wireOf(request: CapturedRequest): WireRequest {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (COMPARED_HEADERS.includes(name) || name.startsWith('x-fal-'))
			headers[name] = normalize(value);
	}
	const target = new URL(request.target);
	const address = new URL(request.address);
	return {
		route: request.route,
		method: request.method,
		target: normalize(`${target.host}${target.pathname}${target.search}`),
		sentTo:
			request.address === request.target
				? 'directly'
				: normalize(`${address.host}${address.pathname}`),
		headers,
		body: bodyOf(request),
	};
}

/** The captured requests of the given routes, in arrival order, as the wire sees them. */
export function wireRequests(captured: CapturedRequest[], routes: RouteName[]): WireRequest[] {
	return captured.filter((request) => request.route && routes.includes(request.route)).map(wireOf);
}

/** The requests that reached fal's own hosts (over TLS, not through a Proxy URL), as "host route". */
export function requestsToFalHosts(captured: CapturedRequest[]): string[] {
	return captured
		.filter((request) => request.address.startsWith('https://'))
		.map((request) => `${new URL(request.address).host} ${request.route}`);
}

/** What one item with a photo and a mask in binary data sends to fal's hosts, waiting for its output. */
export const INPAINT_FROM_BINARY_TO_FAL_HOSTS = [
	'rest.fal.ai uploadInitiate',
	'rest.fal.ai uploadInitiate',
	'queue.fal.run submit',
	'queue.fal.run statusStream',
	'queue.fal.run result',
];
