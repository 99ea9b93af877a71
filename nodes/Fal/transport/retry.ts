import * as n8nWorkflow from 'n8n-workflow';
import { isRetryableError } from './falClient';

/**
 * When and how long to wait before trying a request again. The one retry
 * policy of the node: fal's client, our uploads and our downloads all go
 * through it (see retryingFetch.ts and outputImages.ts).
 */

export interface RetrySettings {
	/** Tries after the first; 0 turns retrying off. */
	maxRetries: number;
	/** The first wait; it doubles each retry, up to MAX_RETRY_DELAY_MS. */
	baseDelayMs: number;
}

/** One retry about to happen, for logs. */
export interface RetryEvent {
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
export async function backoff(policy: RetryPolicy, event: RetryEvent, signal: AbortSignal | undefined): Promise<void> {
	policy.onRetry?.(event);
	await sleepUnlessAborted(event.delayMs, signal);
}

/** A network error's code ("ECONNRESET") or message: why a retry happens. */
export function networkReason(error: unknown): string {
	const codes = errorCodes(error);
	return codes[codes.length - 1] ?? (error instanceof Error ? error.message : String(error));
}

/** No single backoff waits longer, and a Retry-After beyond it is cut to it. */
export const MAX_RETRY_DELAY_MS = 30_000;

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
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** A transport failure worth another try: reset, refused, timed out, DNS hiccup (fal's client's own list). */
export function isTransientNetworkError(error: unknown): boolean {
	return isRetryableError(error, []);
}

/** Whether the request certainly never reached the server. */
export function certainlyNotSent(error: unknown): boolean {
	return errorCodes(error).some((code) => NOT_SENT_CODES.has(code));
}

/** The `code`s along an error's cause chain (fetch wraps the socket's error in "fetch failed"). */
function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	const seen = new Set<unknown>();
	for (let current = error; current && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string') codes.push(code);
	}
	return codes;
}

/**
 * How long to wait before retry number `retry` (0 for the first): the
 * server's Retry-After when it sent one, else exponential backoff with ±25 %
 * jitter so that items rate-limited together do not come back together.
 */
export function retryDelayMs(retry: number, settings: RetrySettings, retryAfter?: string | null): number {
	const asked = retryAfterMs(retryAfter);
	if (asked !== undefined) return Math.min(asked, MAX_RETRY_DELAY_MS);
	const backoff = Math.min(settings.baseDelayMs * 2 ** retry, MAX_RETRY_DELAY_MS);
	return backoff * (0.75 + Math.random() * 0.5);
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: string | null | undefined): number | undefined {
	if (!value?.trim()) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
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
		for (let left = ms; left > 0 && !signal.aborted; left -= SLEEP_SLICE_MS) await n8nWorkflow.sleep(Math.min(left, SLEEP_SLICE_MS));
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
