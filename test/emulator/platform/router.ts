/**
 * Requests for fal's Platform API (https://api.fal.ai/v1) and fal's website
 * (endpoint documents): the route, its fault rules, its key (none for the
 * catalogue and the documents; a valid key; an admin key for usage, payload
 * deletion and billing), then its handler. Errors on api.fal.ai are always in
 * the Platform API's shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizePlatform } from '../auth';
import { listModels, openApiAnswer } from '../catalogue/catalogue';
import type { FaultRule, PlatformRouteName, RouteName } from '../faults';
import { readBody, sendJson } from '../http';
import { API_HOST, apiRouteOf, platformRouteOf } from '../routes';
import type { FalEmulatorStats } from '../settings';
import { analytics } from './analytics';
import { type Answer, notFound, platformError, QueryError, validationError } from './answers';
import type { Handler, PlatformCall, PlatformData } from './call';
import { estimate, pricing } from './pricing';
import { deletePayloads, requestsByEndpoint } from './requests';
import { billing, usage } from './usage';
import { getWorkflow, listWorkflows } from './workflows';

export interface PlatformHost extends PlatformData {
	stats(): FalEmulatorStats;
	/** Counts the call and applies a fault rule that fires for it (server.ts). */
	injectFault(
		route: RouteName,
		request: IncomingMessage,
		response: ServerResponse,
	): FaultRule | 'answered' | undefined;
}

const ROUTES: Record<PlatformRouteName, { admin: boolean; handle: Handler }> = {
	pricing: { admin: false, handle: pricing },
	pricingEstimate: { admin: false, handle: estimate },
	usage: { admin: true, handle: usage },
	analytics: { admin: false, handle: analytics },
	requestsByEndpoint: { admin: false, handle: requestsByEndpoint },
	deletePayloads: { admin: true, handle: deletePayloads },
	billing: { admin: true, handle: billing },
	workflows: { admin: false, handle: listWorkflows },
	workflow: { admin: false, handle: getWorkflow },
};

/** Routes answered in the Platform API's error shape (faults included): all of api.fal.ai. */
export function isPlatformRoute(route: RouteName): boolean {
	return route === 'models' || route in ROUTES;
}

function send(response: ServerResponse, answer: Answer): void {
	sendJson(response, answer.status, answer.body, answer.headers);
}

async function jsonBody(request: IncomingMessage): Promise<unknown> {
	try {
		return JSON.parse((await readBody(request)).toString('utf8') || 'null');
	} catch {
		throw new QueryError(validationError('The body is not valid JSON'));
	}
}

export async function handlePlatform(
	host: PlatformHost,
	target: URL,
	method: string,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const route = platformRouteOf(target, method);
	if (!route) {
		const message = `Not found: ${method} ${target.pathname}`;
		return target.hostname === API_HOST
			? send(response, notFound(message))
			: sendJson(response, 404, { detail: message });
	}
	if (host.injectFault(route, request, response) === 'answered') return;
	// The catalogue and the documents need no key, and ignore one (a wrong key passes), as at fal.
	if (route === 'models') return send(response, listModels(target.searchParams));
	if (route === 'openapi') return send(response, openApiAnswer(target.searchParams));
	const { admin, handle } = ROUTES[route as PlatformRouteName];
	const apiKey = authorizePlatform(request, response, host.settings, host.stats(), admin);
	if (apiKey === undefined) return;
	const call: PlatformCall = {
		query: target.searchParams,
		params: apiRouteOf(target, method)?.params ?? [],
		headers: request.headers,
		apiKey,
		body: () => jsonBody(request),
		data: host,
		now: Date.now(),
	};
	try {
		send(response, await handle(call));
	} catch (error) {
		send(
			response,
			error instanceof QueryError
				? error.answer
				: platformError(500, 'server_error', `emulator error: ${(error as Error).message}`),
		);
	}
}
