import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { FalApiError } from './failures';
import {
	type HttpAnswer,
	type RetryPolicy,
	sendWithRetries,
	TRANSIENT_STATUSES,
	UNACCEPTED_SUBMIT_STATUSES,
} from './retry';
import type { FalCredentials } from './types';

/**
 * One request to fal's queue or storage API, as @fal-ai/client's
 * `dispatchRequest` sends it, through n8n's request helper: the `falApi`
 * credential's `authenticate` adds the key (nothing here touches it), and the
 * instance's proxy settings (HTTPS_PROXY, NO_PROXY) apply. With a Proxy URL
 * in the credential, the request goes there with fal's URL in
 * `x-fal-target-url`, fal's documented server-proxy contract.
 */

/** What the node's requests to fal share during one execution. */
export interface FalConnection {
	/** An execution's, or the editor's when it loads options (endpoint search, fields). */
	context: IExecuteFunctions | ILoadOptionsFunctions;
	/** The credential's Proxy URL, trimmed; undefined talks to fal directly. */
	proxyUrl?: string;
	retries: RetryPolicy;
}

export async function connectToFal(
	context: FalConnection['context'],
	retries: RetryPolicy,
): Promise<FalConnection> {
	const credentials = await context.getCredentials<FalCredentials & IDataObject>('falApi');
	return { context, proxyUrl: credentials.proxyUrl?.trim() || undefined, retries };
}

/** Which call a request is: it decides what may be retried, and names it in logs. */
type FalRoute =
	'submit' | 'status' | 'statusStream' | 'result' | 'cancel' | 'storage' | 'catalogue' | 'platform';

export interface FalRequest {
	route: FalRoute;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** fal's own URL (see urls.ts). */
	url: string;
	/** Sent as JSON. */
	body?: unknown;
	/** Added to the client's standard ones (Accept and Content-Type JSON). */
	headers?: Record<string, string>;
	/** What aborts the request and its retries, when not the execution's cancel (Max Wait joined to it, say). */
	signal?: AbortSignal;
	/** The answer's body as a readable stream (the status stream), not parsed. */
	stream?: boolean;
}

export interface FalAnswer<T> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

const TARGET_URL_HEADER = 'x-fal-target-url';
const REQUEST_ID_HEADER = 'x-fal-request-id';

/** Retried statuses per route: a status read can be repeated at will, and fal's client retries its 500s too. */
const STATUS_ROUTE_STATUSES: ReadonlySet<number> = new Set([...TRANSIENT_STATUSES, 500]);

function retriedStatuses(route: FalRoute): ReadonlySet<number> {
	if (route === 'submit') return UNACCEPTED_SUBMIT_STATUSES;
	return route === 'status' ? STATUS_ROUTE_STATUSES : TRANSIENT_STATUSES;
}

/**
 * Sends the request, retrying passing faults under the node's policy, and
 * returns fal's 2xx answer (JSON parsed, or a stream). Any other answer is
 * thrown as a FalApiError with fal's body and request id.
 */
export async function callFal<T>(
	connection: FalConnection,
	request: FalRequest,
): Promise<FalAnswer<T>> {
	const { route } = request;
	const stopSignal = request.signal ?? connection.retries.cancelSignal;
	// Never aborted mid-flight: a submission (fal may have taken and billed it,
	// without the node learning its id to cancel it) and a cancel (sent because
	// the execution stopped). A cancel even retries to the end.
	const abortSignal = route === 'submit' || route === 'cancel' ? undefined : stopSignal;
	const backoffSignal = route === 'cancel' ? undefined : stopSignal;
	const { answer, attempts } = await sendWithRetries(
		connection.retries,
		{
			route,
			retriedStatuses: retriedStatuses(route),
			once: route === 'submit',
			signal: backoffSignal,
		},
		async () => await sendOnce(connection, request, abortSignal),
	);
	if (answer.statusCode >= 200 && answer.statusCode < 300) return answer as FalAnswer<T>;
	throw await apiErrorOf(answer, {
		attempts,
		// A 502 or 504 may come after fal took the submission: it was not sent again.
		maybeAccepted:
			route === 'submit' &&
			TRANSIENT_STATUSES.has(answer.statusCode) &&
			!UNACCEPTED_SUBMIT_STATUSES.has(answer.statusCode),
	});
}

async function sendOnce(
	connection: FalConnection,
	request: FalRequest,
	abortSignal: AbortSignal | undefined,
): Promise<HttpAnswer> {
	const { context, proxyUrl } = connection;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: proxyUrl ?? request.url,
		headers: {
			Accept: 'application/json',
			'Content-Type': 'application/json',
			...request.headers,
			...(proxyUrl ? { [TARGET_URL_HEADER]: request.url } : {}),
		},
		...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
		// Text, not parsed: the body is JSON only when fal says so (content-type), as for the client.
		encoding: request.stream ? 'stream' : 'text',
		json: false,
		returnFullResponse: true,
		// Every status comes back as an answer; the retry rules and apiErrorOf judge it.
		ignoreHttpStatusErrors: true,
		abortSignal,
	};
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		withCancelSignal(context, abortSignal) as IExecuteFunctions,
		'falApi',
		options,
	)) as IN8nHttpFullResponse;
	const headers = response.headers as Record<string, unknown>;
	return {
		statusCode: response.statusCode,
		statusMessage: response.statusMessage,
		headers,
		body: request.stream ? response.body : parseBody(response.body, headers),
	};
}

/**
 * The context the helper runs with: n8n's httpRequestWithAuthentication sets
 * `abortSignal` to the execution's cancel signal, whatever the options say.
 * This one hands it the signal chosen for the request instead: none for a
 * cancel, which is sent because the execution stopped and must not be
 * aborted by that, and none for a submission; the cancel signal joined with
 * Max Wait for a wait.
 */
function withCancelSignal<C extends object>(context: C, signal: AbortSignal | undefined): C {
	return new Proxy(context, {
		get(target, key) {
			if (key === 'getExecutionCancelSignal') return () => signal;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}

function contentTypeOf(headers: Record<string, unknown>): string {
	const value = headers['content-type'];
	return typeof value === 'string' ? value : '';
}

/** JSON when fal says it is JSON; text otherwise (the client's defaultResponseHandler). */
export function parseBody(body: unknown, headers: Record<string, unknown>): unknown {
	const text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: body === undefined
				? ''
				: JSON.stringify(body);
	if (!contentTypeOf(headers).includes('application/json')) return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** fal's error for an answer: its JSON body (`detail`), its status, the request id it names. */
export async function apiErrorOf(
	answer: HttpAnswer,
	tries: { attempts?: number; maybeAccepted?: boolean } = {},
): Promise<FalApiError> {
	let body = answer.body;
	if (body && typeof (body as NodeJS.ReadableStream).pipe === 'function') {
		// A stream request's error answer: read it as the JSON it is.
		const chunks: Buffer[] = [];
		for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
		body = parseBody(Buffer.concat(chunks), answer.headers);
	}
	const header = (name: string) => {
		const value = answer.headers[name];
		return typeof value === 'string' && value ? value : undefined;
	};
	return new FalApiError({
		status: answer.statusCode,
		statusText: answer.statusMessage,
		body: typeof body === 'object' ? body : undefined,
		requestId: header(REQUEST_ID_HEADER),
		errorType: header('x-fal-error-type'),
		timeoutType: header('x-fal-request-timeout-type'),
		...tries,
	});
}
