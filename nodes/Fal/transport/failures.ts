import type { FieldError } from './types';

/**
 * What the transport throws when a request to fal fails, before errors.ts
 * words it for the user: fal answered with an error (FalApiError), or no
 * answer came (NetworkFailure). Both say how often the request was tried and
 * whether a submission may have reached fal anyway.
 */

interface Tries {
	/** How many times the request was sent. */
	attempts?: number;
	/** A submission that fal may have accepted before the answer was lost: it was not sent again. */
	maybeAccepted?: boolean;
}

/** fal answered with an error status; `body` is its JSON (`detail`, `error_type`, …). */
export class FalApiError extends Error {
	readonly status: number;

	readonly body: unknown;

	readonly requestId?: string;

	/** `X-Fal-Error-Type` (or the body's `error_type`): `queue_full`, `request_timeout`, … */
	readonly errorType?: string;

	/** `X-Fal-Request-Timeout-Type`: `user` when the request's own Start Timeout passed. */
	readonly timeoutType?: string;

	attempts: number;

	maybeAccepted: boolean;

	constructor(
		options: {
			status: number;
			statusText?: string;
			body: unknown;
			requestId?: string;
			errorType?: string;
			timeoutType?: string;
		} & Tries,
	) {
		const message = (options.body as { message?: unknown } | undefined)?.message;
		super(
			typeof message === 'string' && message
				? message
				: `HTTP ${options.status}${options.statusText ? `: ${options.statusText}` : ''}`,
		);
		this.name = 'FalApiError';
		this.status = options.status;
		this.body = options.body;
		this.requestId = options.requestId;
		const bodyType = (options.body as { error_type?: unknown } | undefined)?.error_type;
		this.errorType = options.errorType ?? (typeof bodyType === 'string' ? bodyType : undefined);
		this.timeoutType = options.timeoutType;
		this.attempts = options.attempts ?? 1;
		this.maybeAccepted = options.maybeAccepted ?? false;
	}

	/** fal did not start the request within its Start Timeout, and ran nothing (never retried). */
	get startTimedOut(): boolean {
		return this.status === 504 && this.timeoutType === 'user';
	}

	/** fal refused the submission because the endpoint's queue was longer than Max Queue Length (never retried). */
	get queueFull(): boolean {
		return this.status === 429 && this.errorType === 'queue_full';
	}

	/** A 422's field errors: fal's pydantic `detail` list, or its plain-text detail as one entry. */
	get fieldErrors(): FieldError[] {
		const detail = (this.body as { detail?: unknown } | undefined)?.detail;
		if (typeof detail === 'string') return [{ loc: ['body'], msg: detail, type: 'value_error' }];
		return Array.isArray(detail) ? (detail as FieldError[]) : [];
	}
}

/** No answer: the connection was refused, reset, timed out, or the name did not resolve. */
export class NetworkFailure extends Error {
	attempts: number;

	maybeAccepted: boolean;

	constructor(
		message: string,
		/** ECONNRESET, ECONNREFUSED, …, when known. */
		readonly code: string | undefined,
		tries: Tries = {},
	) {
		super(message);
		this.name = 'NetworkFailure';
		this.attempts = tries.attempts ?? 1;
		this.maybeAccepted = tries.maybeAccepted ?? false;
	}
}

const CODE_PATTERN = /^E[A-Z_]+$|^UND_ERR_[A-Z_]+$|^ERR_[A-Z_]+$/;

/**
 * What a thrown request error says about the network: its code and message.
 * n8n's helpers wrap axios's error in a NodeApiError that keeps the code as
 * `httpCode` and the original message in `messages` (its own `message` is
 * n8n's generic wording); a bare error keeps them along its cause chain.
 */
export function networkFailureOf(error: unknown): NetworkFailure {
	const seen = new Set<unknown>();
	let code: string | undefined;
	let message: string | undefined;
	for (
		let current = error;
		current && typeof current === 'object' && !seen.has(current);
		current = (current as { cause?: unknown }).cause
	) {
		seen.add(current);
		const candidate = current as {
			code?: unknown;
			httpCode?: unknown;
			messages?: unknown;
			message?: unknown;
		};
		for (const value of [candidate.code, candidate.httpCode]) {
			if (typeof value === 'string' && CODE_PATTERN.test(value)) code ??= value;
		}
		const original = Array.isArray(candidate.messages)
			? candidate.messages.find((entry) => typeof entry === 'string' && entry)
			: undefined;
		message ??= typeof original === 'string' ? original : undefined;
	}
	message ??= error instanceof Error ? error.message : String(error);
	return new NetworkFailure(
		code && !message.includes(code) ? `${message} (${code})` : message,
		code,
	);
}
