/**
 * What a fired fault rule does to the request it fired on (faults.ts decides
 * whether one fires): answers it as fal does when overloaded or down, in the
 * queue's shape (`{detail}`) or, on the Platform API and the catalogue, in
 * theirs (`{error: {type, message}}`); or drops the connection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule, RouteName } from './faults';
import { sendJson } from './http';
import { platformError } from './platform/answers';
import { isPlatformRoute } from './platform/router';

/** How a route's handlers learn of a fault: counts the call and applies a rule that fires for it. */
export type InjectFault = (
	route: RouteName,
	request: IncomingMessage,
	response: ServerResponse,
	endpointId?: string,
) => FaultRule | 'answered' | undefined;

/**
 * 'answered' when the fault answered (or dropped) the request; the rule
 * itself for 'fail-job', which the job carries out when it runs.
 */
export function answerFault(
	rule: FaultRule,
	route: RouteName,
	request: IncomingMessage,
	response: ServerResponse,
): FaultRule | 'answered' {
	const error = (status: number, type: string, message: string) =>
		isPlatformRoute(route) ? platformError(status, type, message).body : { detail: message };
	switch (rule.kind) {
		case 'rate-limit':
			sendJson(
				response,
				429,
				error(429, 'rate_limited', 'Rate limit exceeded. Please retry later.'),
				{ 'retry-after': String(rule.retryAfterSeconds ?? 1) },
			);
			return 'answered';
		case 'unavailable':
			sendJson(
				response,
				rule.status ?? 503,
				error(rule.status ?? 503, 'server_error', 'Service temporarily unavailable'),
			);
			return 'answered';
		case 'drop':
			request.socket.destroy();
			return 'answered';
		case 'fail-job':
			return rule;
	}
}
