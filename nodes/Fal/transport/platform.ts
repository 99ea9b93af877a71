import { callFal, type FalConnection } from './request';
import { PLATFORM_BASE_URL } from './urls';

/**
 * fal's Platform API (`https://api.fal.ai/v1`, fal-platform.md): pricing,
 * usage, analytics, request history, billing, workflows. Same key header as
 * the queue, its own error shape (`{"error": {type, message}}`, worded in
 * platformErrors.ts), pages that follow an opaque cursor.
 */

/** Query parameters in order; repeated names (endpoint_id, expand) allowed, unset values left out. */
type Query = Array<[string, string | number | boolean | undefined]>;

export interface PlatformCall {
	method: 'GET' | 'POST' | 'DELETE';
	/** Under /v1: "/models/usage". */
	path: string;
	query?: Query;
	body?: unknown;
	headers?: Record<string, string>;
	/** What the user asked for, as errors name it: "Get Usage". */
	action: string;
	/** The route needs an admin key: a 403 then says so. */
	admin?: boolean;
}

/** A Platform API call that failed: the transport's error, with the call it came from. */
export class PlatformFailure extends Error {
	constructor(
		readonly failure: unknown,
		readonly call: PlatformCall,
	) {
		super(failure instanceof Error ? failure.message : String(failure));
		this.name = 'PlatformFailure';
	}
}

function platformUrl(path: string, query: Query = []): string {
	const search = new URLSearchParams(
		query
			.filter(
				(entry): entry is [string, string | number | boolean] =>
					entry[1] !== undefined && entry[1] !== '',
			)
			.map(([key, value]) => [key, String(value)]),
	);
	const text = search.toString();
	return `${PLATFORM_BASE_URL}${path}${text ? `?${text}` : ''}`;
}

/** One call; its 2xx JSON answer, or a PlatformFailure. Retried as any request to fal (429, 502–504, dropped connections). */
export async function callPlatform<T>(connection: FalConnection, call: PlatformCall): Promise<T> {
	const answer = await callFal<T>(connection, {
		route: 'platform',
		method: call.method,
		url: platformUrl(call.path, call.query),
		body: call.body,
		headers: call.headers,
	}).catch(async (error: unknown) => await Promise.reject(new PlatformFailure(error, call)));
	return answer.body;
}

/** A page of a listing route: its records under some key, and the cursor of the next page. */
export interface Page {
	next_cursor?: string | null;
	has_more?: boolean;
}

/**
 * Records of a listing, page after page following `next_cursor`, until fal
 * has no more or `limit` records are in hand (no limit: all of them). Each
 * page asks for no more than is still wanted.
 */
export async function collectPages<P extends Page, R>(
	connection: FalConnection,
	call: PlatformCall,
	recordsOf: (page: P) => R[],
	options: { limit?: number; pageSize: number },
): Promise<R[]> {
	const records: R[] = [];
	let cursor: string | undefined;
	for (;;) {
		const wanted =
			options.limit === undefined
				? options.pageSize
				: Math.min(options.pageSize, options.limit - records.length);
		const page = await callPlatform<P>(connection, {
			...call,
			query: [...(call.query ?? []), ['limit', wanted], ['cursor', cursor]],
		});
		records.push(...recordsOf(page));
		if (options.limit !== undefined && records.length >= options.limit)
			return records.slice(0, options.limit);
		if (!page.has_more || !page.next_cursor || page.next_cursor === cursor) return records;
		cursor = page.next_cursor;
	}
}
