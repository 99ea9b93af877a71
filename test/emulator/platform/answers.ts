/**
 * What every Platform API route (https://api.fal.ai/v1) shares: its error
 * shape, `{"error": {type, message, docs_url?, request_id?}}` (not the
 * queue's `{detail}`), pages of `limit` + opaque `cursor` answering
 * `next_cursor` and `has_more`, and query values that may repeat.
 */

/** A route's answer; the server adds counting, faults and capture. */
export interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export type PlatformErrorType =
	| 'authorization_error'
	| 'validation_error'
	| 'not_found'
	| 'rate_limited'
	| 'server_error'
	| 'not_implemented';

/** fal's Platform API error shape. */
export function platformError(
	status: number,
	type: PlatformErrorType | string,
	message: string,
): Answer {
	return { status, body: { error: { type, message } } };
}

export function validationError(message: string): Answer {
	return platformError(400, 'validation_error', message);
}

export function notFound(message: string): Answer {
	return platformError(404, 'not_found', message);
}

export function ok(body: unknown, headers?: Record<string, string>): Answer {
	return { status: 200, body, ...(headers ? { headers } : {}) };
}

/** A failed check: the 400 to answer instead. */
export class QueryError extends Error {
	constructor(readonly answer: Answer) {
		super(JSON.stringify(answer.body));
	}
}

function encodeCursor(offset: number): string {
	return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
	try {
		const offset = (
			JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown }
		).offset;
		return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0
			? offset
			: undefined;
	} catch {
		return undefined;
	}
}

export interface PageOptions {
	/** `limit` when none is given (fal's defaults are not documented: the emulator's choice). */
	defaultLimit: number;
	maxLimit: number;
}

const PAGE = { defaultLimit: 20, maxLimit: 100 } as const satisfies PageOptions;

/** `limit` and `cursor`, checked: the offset and size of the page asked for. Throws QueryError. */
export function pageRequest(
	query: URLSearchParams,
	options: PageOptions = PAGE,
): { offset: number; limit: number } {
	const limitText = query.get('limit');
	const limit =
		limitText === null
			? options.defaultLimit
			: /^\d+$/.test(limitText)
				? Number(limitText)
				: Number.NaN;
	if (!(limit >= 1 && limit <= options.maxLimit))
		throw new QueryError(
			validationError(`limit must be an integer from 1 to ${options.maxLimit}, got ${limitText}`),
		);
	const cursor = query.get('cursor');
	const offset = cursor === null || cursor === '' ? 0 : decodeCursor(cursor);
	if (offset === undefined)
		throw new QueryError(validationError('cursor is not a cursor this API returned'));
	return { offset, limit };
}

/** One page of `items`, with the cursor of the next. */
export function pageOf<T>(
	items: T[],
	request: { offset: number; limit: number },
): { page: T[]; next_cursor: string | null; has_more: boolean } {
	const end = request.offset + request.limit;
	const hasMore = end < items.length;
	return {
		page: items.slice(request.offset, end),
		next_cursor: hasMore ? encodeCursor(end) : null,
		has_more: hasMore,
	};
}

/** A parameter that may repeat and may hold comma-separated values (`expand`, `endpoint_id`): every value, trimmed. */
export function listParam(query: URLSearchParams, name: string): string[] {
	const values = query
		.getAll(name)
		.flatMap((value) => value.split(','))
		.map((value) => value.trim())
		.filter(Boolean);
	return [...new Set(values)];
}

/** `endpoint_id`, required: at least one. Throws QueryError. */
export function requiredEndpointIds(query: URLSearchParams): string[] {
	const ids = listParam(query, 'endpoint_id');
	if (ids.length === 0)
		throw new QueryError(validationError('endpoint_id is required: give one or more endpoint ids'));
	return ids;
}

/** `name`, one of `allowed` (or undefined when absent). Throws QueryError. */
export function enumParam<T extends string>(
	query: URLSearchParams,
	name: string,
	allowed: readonly T[],
): T | undefined {
	const value = query.get(name);
	if (value === null || value === '') return undefined;
	if (!(allowed as readonly string[]).includes(value))
		throw new QueryError(
			validationError(`${name} must be one of ${allowed.join(', ')}, got ${value}`),
		);
	return value as T;
}

/** Money as fal shows it: no floating-point dust (0.075, not 0.07500000000000001). */
export function money(value: number): number {
	return Math.round(value * 1e10) / 1e10;
}
