import { ApiError } from './falClient';
import {
	backoff,
	certainlyNotSent,
	isTransientNetworkError,
	networkReason,
	retryDelayMs,
	type RetryPolicy,
	TRANSIENT_STATUSES,
	UNACCEPTED_SUBMIT_STATUSES,
} from './retry';

/**
 * The `fetch` the fal client is built with: every request it makes (queue,
 * status stream, storage) is retried here, under one policy, instead of by the
 * client. Its own retries cannot be set per request and would repeat a
 * submission after a connection reset or a 502/504, when fal may already
 * have accepted (and billed) it. So whatever this fetch gives up on, it
 * throws as a FinalFailure, which the client passes on without retrying;
 * toNodeError unwraps it.
 */

/** What the client's request was for: it decides what may be retried, and names it in logs. */
type Route = 'submit' | 'status' | 'result' | 'cancel' | 'storage';

/** A request this fetch has retried as far as it may; `failure` is fal's ApiError or the network error. */
export class FinalFailure extends Error {
	constructor(
		readonly failure: unknown,
		readonly attempts: number,
		/** A submission that fal may have accepted: not retried so that it cannot run twice. */
		readonly maybeAccepted: boolean,
	) {
		// No `cause`: fal's client looks for network error codes along the
		// cause chain and would retry again.
		super(typeof (failure as Error | undefined)?.message === 'string' ? (failure as Error).message : String(failure));
		this.name = 'FinalFailure';
	}
}

export function retryingFetch(options: RetryPolicy): typeof fetch {
	return async (input, init) => {
		const route = routeOf(input, init);
		// A cancel is sent because the execution was stopped: its retries must outlive that.
		const signal = route === 'cancel' ? (init?.signal ?? undefined) : anySignal(init?.signal ?? undefined, options.cancelSignal);
		for (let attempt = 1; ; attempt++) {
			const retry = attempt - 1;
			const answer = await fetch(input, init).then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
			if ('error' in answer) {
				const { error } = answer;
				if (signal?.aborted || !isTransientNetworkError(error)) throw error;
				const safe = route !== 'submit' || certainlyNotSent(error);
				if (!safe || retry >= options.maxRetries) throw new FinalFailure(error, attempt, !safe);
				await backoff(options, { route, retry: attempt, delayMs: retryDelayMs(retry, options), reason: networkReason(error) }, signal);
				continue;
			}
			const { response } = answer;
			if (response.ok) return response;
			const retriable = retriedStatuses(route).has(response.status);
			if (retriable && retry < options.maxRetries) {
				const delayMs = retryDelayMs(retry, options, response.headers.get('retry-after'));
				await response.body?.cancel();
				await backoff(options, { route, retry: attempt, delayMs, reason: String(response.status) }, signal);
				continue;
			}
			// Statuses the client would retry on its own are handed over as final;
			// the rest (422, 401, a failed job's 500, …) go to its usual handling.
			if (!clientRetriedStatuses(route).has(response.status)) return response;
			throw new FinalFailure(await apiErrorOf(response), attempt, route === 'submit' && !retriable);
		}
	};
}

const STATUS_ROUTE_STATUSES: ReadonlySet<number> = new Set([...TRANSIENT_STATUSES, 500]);

/** A status read can be repeated at will; fal's client retries its 500s too. */
function retriedStatuses(route: Route): ReadonlySet<number> {
	return route === 'submit' ? UNACCEPTED_SUBMIT_STATUSES : route === 'status' ? STATUS_ROUTE_STATUSES : TRANSIENT_STATUSES;
}

function clientRetriedStatuses(route: Route): ReadonlySet<number> {
	return route === 'status' ? STATUS_ROUTE_STATUSES : TRANSIENT_STATUSES;
}

/** Through a proxy, the fal URL travels in this header (see @fal-ai/client's withProxy). */
const TARGET_URL_HEADER = 'x-fal-target-url';

function routeOf(input: string | URL | Request, init: RequestInit | undefined): Route {
	const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
	const targetUrl = new Headers(init?.headers).get(TARGET_URL_HEADER) ?? url;
	const target = URL.canParse(targetUrl) ? new URL(targetUrl) : undefined;
	// Off the queue host: storage (upload URLs, multipart parts).
	if (!target?.hostname.startsWith('queue.')) return 'storage';
	// queue.fal.run/{endpoint} takes submissions; …/requests/{id}[/status[/stream]|/cancel] is about one request.
	const [, what] = /\/requests\/[^/]+(?:\/(status|cancel))?/.exec(target.pathname) ?? [];
	if (what === 'status' || what === 'cancel') return what;
	return target.pathname.includes('/requests/') ? 'result' : 'submit';
}

/** fal's error for an answer, built as the client's own response handler builds it. */
async function apiErrorOf(response: Response): Promise<ApiError<unknown>> {
	const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
	const body = isJson ? ((await response.json().catch(() => undefined)) as { message?: string } | undefined) : (await response.body?.cancel(), undefined);
	return new ApiError({
		message: body?.message || (isJson ? response.statusText : `HTTP ${response.status}: ${response.statusText}`),
		status: response.status,
		body,
		requestId: response.headers.get('x-fal-request-id') ?? undefined,
	});
}

function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
	const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
	return present.length > 1 ? AbortSignal.any(present) : present[0];
}
