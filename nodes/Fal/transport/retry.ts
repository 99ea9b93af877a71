import * as n8nWorkflow from 'n8n-workflow';
import { type NetworkFailure, networkFailureOf } from './failures';

/**
 * When and how long to wait before trying a request again. The one retry
 * policy of the node: every request to fal, upload and download goes through
 * it (see request.ts, storage.ts and download.ts).
 */

interface RetrySettings {
	/** Tries after the first; 0 turns retrying off. */
	maxRetries: number;
	/** The first wait; it doubles each retry, up to MAX_RETRY_DELAY_MS. */
	baseDelayMs: number;
}

/** One retry about to happen, for logs. */
interface RetryEvent {
	/** What was asked: "submit", "status", "download", … */
	route: string;
	/** The retry about to be made: 1 for the first. */
	retry: number;
	delayMs: number;
	/** "503", "ECONNRESET", … */
	reason: string;
}

/** The settings with what one execution adds: its cancel signal, its log. */
export interface RetryPolicy extends RetrySettings {
	/** The execution's cancel signal: a backoff stops when it fires. */
	cancelSignal?: AbortSignal;
	onRetry?: (event: RetryEvent) => void;
}

/** Reports the retry, then waits its delay (less if `signal` aborts, which throws). */
async function backoff(
	policy: RetryPolicy,
	event: RetryEvent,
	signal: AbortSignal | undefined,
): Promise<void> {
	policy.onRetry?.(event);
	await sleepUnlessAborted(event.delayMs, signal);
}

/** A network failure's code ("ECONNRESET") or message: why a retry happens. */
function networkReason(failure: NetworkFailure): string {
	return failure.code ?? failure.message;
}

/** No single backoff waits longer, and a Retry-After beyond it is cut to it. */
const MAX_RETRY_DELAY_MS = 30_000;

/** Answers that say "try again later": rate limited, or a gateway/server that is briefly down. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Answers that prove fal did not take a submission: a 429 refuses it and a 503
 * comes before the queue. A 502 or 504 may come after fal accepted it.
 */
export const UNACCEPTED_SUBMIT_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Connection failures from before a request could be sent (nothing listened,
 * no route, no DNS answer yet): safe to repeat even a submission. A reset or a
 * timeout after connecting may come after fal read the request.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** Network failures worth another try: reset, refused, timed out, a DNS hiccup (@fal-ai/client's own list). */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
	'ECONNABORTED',
	'ECONNREFUSED',
	'ECONNRESET',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EPIPE',
	'ETIMEDOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** Whether a network failure (see failures.ts) is worth another try. */
function isTransientNetworkError(failure: NetworkFailure): boolean {
	return failure.code !== undefined && TRANSIENT_CODES.has(failure.code);
}

/** Whether the request certainly never reached the server. */
function certainlyNotSent(failure: NetworkFailure): boolean {
	return failure.code !== undefined && NOT_SENT_CODES.has(failure.code);
}

/**
 * How long to wait before retry number `retry` (0 for the first): the
 * server's Retry-After when it sent one, else exponential backoff with ±25 %
 * jitter so that items rate-limited together do not come back together.
 */
function retryDelayMs(retry: number, settings: RetrySettings, retryAfter?: string | null): number {
	const asked = retryAfterMs(retryAfter);
	if (asked !== undefined) return Math.min(asked, MAX_RETRY_DELAY_MS);
	const backoff = Math.min(settings.baseDelayMs * 2 ** retry, MAX_RETRY_DELAY_MS);
	return backoff * (0.75 + Math.random() * 0.5);
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(value: string | null | undefined): number | undefined {
	if (!value?.trim()) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** What one try of an HTTP request gave: an answer (any status), or it threw. */
export interface HttpAnswer {
	statusCode: number;
	statusMessage?: string;
	headers: Record<string, unknown>;
	body: unknown;
}

/** How one kind of request is retried. */
export interface RetryRule {
	/** Named in logs: "submit", "status", "download", … */
	route: string;
	/** Statuses tried again, after fal's Retry-After when it sends one. */
	retriedStatuses: ReadonlySet<number>;
	/**
	 * A request fal must not get twice (a submission): sent again after a
	 * network failure only when it certainly never left.
	 */
	once?: boolean;
	/** What stops the backoffs between tries (undefined: nothing), and the try it aborted. */
	signal?: AbortSignal;
}

/**
 * Sends a request until it gets an answer that is not a passing fault, or
 * the retries run out; returns the last answer and how many tries it took.
 * A network failure it gives up on is thrown as a NetworkFailure saying so.
 */
export async function sendWithRetries(
	policy: RetryPolicy,
	rule: RetryRule,
	send: () => Promise<HttpAnswer>,
): Promise<{ answer: HttpAnswer; attempts: number }> {
	for (let attempt = 1; ; attempt++) {
		const retry = attempt - 1;
		let answer: HttpAnswer;
		try {
			answer = await send();
		} catch (error) {
			if (rule.signal?.aborted) throw rule.signal.reason ?? error;
			const failure = networkFailureOf(error);
			const resendable = !rule.once || certainlyNotSent(failure);
			failure.attempts = attempt;
			failure.maybeAccepted = !resendable;
			if (!resendable || !isTransientNetworkError(failure) || retry >= policy.maxRetries)
				throw failure;
			await backoff(
				policy,
				{
					route: rule.route,
					retry: attempt,
					delayMs: retryDelayMs(retry, policy),
					reason: networkReason(failure),
				},
				rule.signal,
			);
			continue;
		}
		if (
			!rule.retriedStatuses.has(answer.statusCode) ||
			isFinal(answer) ||
			retry >= policy.maxRetries
		)
			return { answer, attempts: attempt };
		discard(answer.body);
		const retryAfter = answer.headers['retry-after'];
		const delayMs = retryDelayMs(
			retry,
			policy,
			typeof retryAfter === 'string' ? retryAfter : undefined,
		);
		await backoff(
			policy,
			{ route: rule.route, retry: attempt, delayMs, reason: String(answer.statusCode) },
			rule.signal,
		);
	}
}

/**
 * Answers with a passing status that trying again cannot change: the
 * request's own Start Timeout passed (504, timeout type `user`: fal ran
 * nothing, as @fal-ai/client also does not retry it), or the endpoint's queue
 * is longer than the Max Queue Length asked for (429 `queue_full`).
 */
function isFinal(answer: HttpAnswer): boolean {
	const header = (name: string) => String(answer.headers[name] ?? '').toLowerCase();
	return (
		(answer.statusCode === 504 && header('x-fal-request-timeout-type') === 'user') ||
		(answer.statusCode === 429 && header('x-fal-error-type') === 'queue_full')
	);
}

/** Lets go of an answer's body that will not be read (a stream holds its connection open). */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | undefined;
	if (typeof stream?.destroy === 'function') stream.destroy();
}

type SleepWithAbort = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Slices of a plain sleep on n8n releases without sleepWithAbort: how soon a cancel is noticed. */
const SLEEP_SLICE_MS = 200;

/**
 * Waits `ms`, or less if `signal` aborts, then throws its reason. With n8n's
 * sleepWithAbort where the running n8n-workflow has it, in short slices of
 * its plain sleep otherwise: never a raw timer in node code. The sleep
 * listens on a signal of its own, so its listener (which sleepWithAbort
 * leaves behind) never piles up on a long-lived execution signal.
 */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await n8nWorkflow.sleep(ms);
	signal.throwIfAborted();
	const sleepWithAbort = (n8nWorkflow as { sleepWithAbort?: SleepWithAbort }).sleepWithAbort;
	if (typeof sleepWithAbort !== 'function') {
		for (let left = ms; left > 0 && !signal.aborted; left -= SLEEP_SLICE_MS)
			await n8nWorkflow.sleep(Math.min(left, SLEEP_SLICE_MS));
		return signal.throwIfAborted();
	}
	const local = new AbortController();
	const forward = () => local.abort();
	signal.addEventListener('abort', forward, { once: true });
	// It rejects only when aborted, and then the line after it throws the signal's reason.
	await sleepWithAbort(ms, local.signal).catch(() => undefined);
	signal.removeEventListener('abort', forward);
	signal.throwIfAborted();
}
