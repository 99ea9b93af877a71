import type { PlatformRouteName, RouteName } from './faults';
import { QUEUE_HOST } from './queue';

/**
 * Which of fal's routes a request is for, by the fal URL it addresses (queue,
 * storage initiation, catalogue, OpenAPI documents) or the emulator's own URL
 * (upload URLs, files).
 */

export const REST_HOST = 'rest.fal.ai';
/** The host fal's webhook docs give for the JWKS (rest.fal.ai serves it too). */
export const REST_ALPHA_HOST = 'rest.alpha.fal.ai';
export const JWKS_PATH = '/.well-known/jwks.json';
/** fal's Platform API (the model catalogue). */
export const API_HOST = 'api.fal.ai';
/** fal's website, which serves each endpoint's OpenAPI document. */
export const WEB_HOST = 'fal.ai';

/** Hosts the emulator answers for when a request reaches it under fal's own name (over TLS, through a forward proxy). */
export const FAL_HOSTS: ReadonlySet<string> = new Set([
	QUEUE_HOST,
	REST_HOST,
	REST_ALPHA_HOST,
	API_HOST,
	WEB_HOST,
]);

/** Endpoint ids whose app takes three segments (`workflows/{user}/{name}`), as @fal-ai/client parses them. */
const NAMESPACES = new Set(['workflows', 'comfy']);

/** The app of an endpoint id, what status, result and cancel URLs use: owner/alias, or namespace/owner/alias. */
export function appIdOf(endpointId: string): string {
	const segments = endpointId.split('/');
	return segments.slice(0, NAMESPACES.has(segments[0]) ? 3 : 2).join('/');
}

export interface QueueRoute {
	route: RouteName;
	/** The path before /requests/: the app (owner/alias, workflows/user/name) or the full endpoint id. */
	appPath: string;
	requestId?: string;
}

export function parseQueuePath(pathname: string, method: string): QueueRoute | undefined {
	const path = pathname.replace(/^\/+|\/+$/g, '');
	const marker = path.indexOf('/requests/');
	if (marker < 0)
		return method === 'POST' && path.split('/').length >= 2
			? { route: 'submit', appPath: path }
			: undefined;
	const appPath = path.slice(0, marker);
	const [requestId, ...rest] = path.slice(marker + '/requests/'.length).split('/');
	const tail = rest.join('/');
	if (method === 'GET' && tail === '') return { route: 'result', appPath, requestId };
	if (method === 'GET' && tail === 'status') return { route: 'status', appPath, requestId };
	if (method === 'GET' && tail === 'status/stream')
		return { route: 'statusStream', appPath, requestId };
	if (method === 'PUT' && tail === 'cancel') return { route: 'cancel', appPath, requestId };
	return undefined;
}

/** The storage initiation a rest.fal.ai path is, if any. */
function storageRouteOf(
	pathname: string,
	method: string,
): 'uploadInitiate' | 'multipartInitiate' | undefined {
	if (method !== 'POST') return undefined;
	if (pathname === '/storage/upload/initiate') return 'uploadInitiate';
	return pathname === '/storage/upload/initiate-multipart' ? 'multipartInitiate' : undefined;
}

/** The Platform API's routes under https://api.fal.ai/v1, with the path's parameters captured. */
const API_ROUTES: Array<[method: string, path: RegExp, route: 'models' | PlatformRouteName]> = [
	['GET', /^\/v1\/models$/, 'models'],
	['GET', /^\/v1\/models\/pricing$/, 'pricing'],
	['POST', /^\/v1\/models\/pricing\/estimate$/, 'pricingEstimate'],
	['GET', /^\/v1\/models\/usage$/, 'usage'],
	['GET', /^\/v1\/models\/analytics$/, 'analytics'],
	['GET', /^\/v1\/models\/requests\/by-endpoint$/, 'requestsByEndpoint'],
	['DELETE', /^\/v1\/models\/requests\/([^/]+)\/payloads$/, 'deletePayloads'],
	['GET', /^\/v1\/account\/billing$/, 'billing'],
	['GET', /^\/v1\/workflows$/, 'workflows'],
	['GET', /^\/v1\/workflows\/([^/]+)\/([^/]+)$/, 'workflow'],
];

export interface ApiRoute {
	route: 'models' | PlatformRouteName;
	/** The path's parameters, decoded: a request id, a workflow's user and name. */
	params: string[];
}

function decodeParam(param: string): string {
	try {
		return decodeURIComponent(param);
	} catch {
		return param;
	}
}

/** Which Platform API route an api.fal.ai URL is, if any. */
export function apiRouteOf(url: URL, method: string): ApiRoute | undefined {
	if (url.hostname !== API_HOST) return undefined;
	const path = url.pathname.replace(/\/+$/, '');
	for (const [routeMethod, pattern, route] of API_ROUTES) {
		const match = method === routeMethod ? pattern.exec(path) : null;
		if (match) return { route, params: match.slice(1).map(decodeParam) };
	}
	return undefined;
}

/** The catalogue, Platform API and OpenAPI routes (api.fal.ai, fal.ai), if the URL is one of them. */
export function platformRouteOf(url: URL, method: string): RouteName | undefined {
	if (url.hostname === API_HOST) return apiRouteOf(url, method)?.route;
	return method === 'GET' &&
		url.hostname === WEB_HOST &&
		url.pathname === '/api/openapi/queue/openapi.json'
		? 'openapi'
		: undefined;
}

/** The route of one of the emulator's own URLs (upload URLs it handed out, its CDN). */
function ownRouteOf(pathname: string, method: string): RouteName | undefined {
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
	if (
		(url.hostname === REST_HOST || url.hostname === REST_ALPHA_HOST) &&
		method === 'GET' &&
		url.pathname === JWKS_PATH
	)
		return 'jwks';
	return url.hostname === REST_HOST ? storageRouteOf(url.pathname, method) : undefined;
}
