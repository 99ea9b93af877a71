import type { RouteName } from './faults';
import { QUEUE_HOST } from './queue';

/**
 * Which of fal's routes a request is for, by the fal URL it addresses (queue,
 * storage initiation, catalogue, OpenAPI documents) or the emulator's own URL
 * (upload URLs, files).
 */

export const REST_HOST = 'rest.fal.ai';
/** fal's Platform API (the model catalogue). */
export const API_HOST = 'api.fal.ai';
/** fal's website, which serves each endpoint's OpenAPI document. */
export const WEB_HOST = 'fal.ai';

/** Hosts the emulator answers for when a request reaches it under fal's own name (over TLS, through a forward proxy). */
export const FAL_HOSTS: ReadonlySet<string> = new Set([QUEUE_HOST, REST_HOST, API_HOST, WEB_HOST]);

export interface QueueRoute {
	route: RouteName;
	/** The path before /requests/: owner/alias or the full endpoint id. */
	appPath: string;
	requestId?: string;
}

export function parseQueuePath(pathname: string, method: string): QueueRoute | undefined {
	const path = pathname.replace(/^\/+|\/+$/g, '');
	const marker = path.indexOf('/requests/');
	if (marker < 0) return method === 'POST' && path.split('/').length >= 2 ? { route: 'submit', appPath: path } : undefined;
	const appPath = path.slice(0, marker);
	const [requestId, ...rest] = path.slice(marker + '/requests/'.length).split('/');
	const tail = rest.join('/');
	if (method === 'GET' && tail === '') return { route: 'result', appPath, requestId };
	if (method === 'GET' && tail === 'status') return { route: 'status', appPath, requestId };
	if (method === 'GET' && tail === 'status/stream') return { route: 'statusStream', appPath, requestId };
	if (method === 'PUT' && tail === 'cancel') return { route: 'cancel', appPath, requestId };
	return undefined;
}

/** The storage initiation a rest.fal.ai path is, if any. */
export function storageRouteOf(pathname: string, method: string): 'uploadInitiate' | 'multipartInitiate' | undefined {
	if (method !== 'POST') return undefined;
	if (pathname === '/storage/upload/initiate') return 'uploadInitiate';
	return pathname === '/storage/upload/initiate-multipart' ? 'multipartInitiate' : undefined;
}

/** The catalogue and OpenAPI routes (api.fal.ai, fal.ai), if the URL is one of them. */
export function platformRouteOf(url: URL, method: string): 'models' | 'openapi' | undefined {
	if (method !== 'GET') return undefined;
	if (url.hostname === API_HOST && url.pathname.replace(/\/+$/, '') === '/v1/models') return 'models';
	return url.hostname === WEB_HOST && url.pathname === '/api/openapi/queue/openapi.json' ? 'openapi' : undefined;
}

/** The route of one of the emulator's own URLs (upload URLs it handed out, its CDN). */
export function ownRouteOf(pathname: string, method: string): RouteName | undefined {
	const segments = pathname.split('/').filter(Boolean);
	if (method === 'GET' && segments[0] === 'files') return 'file';
	if (method === 'PUT' && segments[0] === 'upload' && segments.length === 2) return 'uploadPut';
	if (segments[0] === 'upload-multipart' && segments.length === 3) {
		if (method === 'POST' && segments[2] === 'complete') return 'multipartComplete';
		if (method === 'PUT') return 'multipartPart';
	}
	return undefined;
}

/** Any request's route: by the fal URL it is for, or by the emulator's own URL. */
export function routeOf(url: URL, method: string, ownHost: boolean): RouteName | undefined {
	if (ownHost) return ownRouteOf(url.pathname, method);
	if (url.hostname === QUEUE_HOST) return parseQueuePath(url.pathname, method)?.route;
	if (url.hostname === API_HOST || url.hostname === WEB_HOST) return platformRouteOf(url, method);
	return url.hostname === REST_HOST ? storageRouteOf(url.pathname, method) : undefined;
}
