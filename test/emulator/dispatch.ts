/**
 * Where a request to the emulator goes. Through a proxy, fal's URL is in
 * `x-fal-target-url`; over TLS under one of fal's host names, it is the
 * address itself. By that URL's host: the queue (queueRoutes.ts), storage
 * initiation and the webhook keys (rest.fal.ai), the Platform API with the
 * catalogue and the OpenAPI documents (api.fal.ai, fal.ai). Anything else
 * is the emulator's own URLs: uploads and files (storageRoutes.ts), /health.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CapturedRequest, captureRequest } from './capture';
import { sendJson } from './http';
import { handlePlatform, type PlatformHost } from './platform/router';
import { QUEUE_HOST } from './queue';
import { handleQueue, type QueueHost } from './queueRoutes';
import {
	API_HOST,
	FAL_HOSTS,
	JWKS_PATH,
	REST_ALPHA_HOST,
	REST_HOST,
	routeOf,
	WEB_HOST,
} from './routes';
import { handleStorageInitiate, handleStorageUrl, type StorageHost } from './storageRoutes';
import type { WebhookSender } from './webhooks';

const TARGET_URL_HEADER = 'x-fal-target-url';

/** What the dispatch is given of the emulator (server.ts). */
export type DispatchHost = QueueHost &
	PlatformHost &
	StorageHost & {
		readonly webhooks: WebhookSender;
		/** Where requests go while `capture` is on (reset() replaces the list). */
		captured(): CapturedRequest[];
		/** The emulator's own base URL, e.g. http://127.0.0.1:41234. */
		baseUrl(): string;
	};

/** The fal URL a request addresses, if any; a header that is not a URL is answered 400 here. */
function targetOf(request: IncomingMessage, address: URL, secure: boolean): URL | undefined {
	const header = request.headers[TARGET_URL_HEADER];
	if (typeof header === 'string') return URL.canParse(header) ? new URL(header) : undefined;
	return secure && FAL_HOSTS.has(address.hostname) ? address : undefined;
}

export async function dispatch(
	host: DispatchHost,
	request: IncomingMessage,
	response: ServerResponse,
	secure: boolean,
): Promise<void> {
	const method = request.method ?? 'GET';
	const address = new URL(
		request.url ?? '/',
		`${secure ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`,
	);
	const header = request.headers[TARGET_URL_HEADER];
	const target = targetOf(request, address, secure);
	if (host.settings.capture) {
		const own = !target;
		const url = target ?? new URL(request.url ?? '/', host.baseUrl());
		captureRequest(
			request,
			{ route: routeOf(url, method, own), method, target: url.href, address: address.href },
			host.captured(),
		);
	}
	if (typeof header === 'string' && !target)
		return sendJson(response, 400, { detail: `Invalid ${TARGET_URL_HEADER}: ${header}` });
	if (target) return dispatchFal(host, target, method, request, response);
	if (secure)
		return sendJson(response, 404, {
			detail: `The emulator answers only fal's hosts over TLS, not ${address.hostname}`,
		});

	const url = new URL(request.url ?? '/', host.baseUrl());
	const segments = url.pathname.split('/').filter(Boolean);
	if (await handleStorageUrl(host, segments, method, request, response)) return;
	if (method === 'GET' && url.pathname === '/health') return sendJson(response, 200, { ok: true });
	sendJson(response, 404, { detail: `Not found: ${method} ${url.pathname}` });
}

/** A request for one of fal's URLs, by its host. */
async function dispatchFal(
	host: DispatchHost,
	target: URL,
	method: string,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	if (target.hostname === QUEUE_HOST) return handleQueue(host, target, method, request, response);
	if (
		(target.hostname === REST_HOST || target.hostname === REST_ALPHA_HOST) &&
		target.pathname === JWKS_PATH
	)
		return serveJwks(host, method, request, response);
	if (target.hostname === REST_HOST)
		return handleStorageInitiate(host, target, method, request, response);
	if (target.hostname === API_HOST || target.hostname === WEB_HOST)
		return handlePlatform(host, target, method, request, response);
	sendJson(response, 404, { detail: `The emulator does not serve ${target.hostname}` });
}

/** fal's webhook keys, no key needed (webhooks.ts signs with the private half). */
function serveJwks(
	host: DispatchHost,
	method: string,
	request: IncomingMessage,
	response: ServerResponse,
): void {
	if (method !== 'GET') return sendJson(response, 405, { detail: `Method ${method} not allowed` });
	if (host.injectFault('jwks', request, response) === 'answered') return;
	sendJson(response, 200, host.webhooks.jwks());
}
