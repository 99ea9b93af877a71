import type { FalClient } from './falClient';

/**
 * A client's call to fal's Platform API (https://api.fal.ai/v1) through a fal
 * proxy (the emulator's proxy URL): fal's URL in `x-fal-target-url`, the key
 * as `Authorization: Key <key>`, JSON both ways.
 */
const PLATFORM_BASE = 'https://api.fal.ai/v1';

export interface PlatformAnswer<T> {
	status: number;
	headers: Headers;
	body: T;
}

/** The platform error shape, `{"error": {type, message, docs_url?, request_id?}}`. */
export interface PlatformErrorBody {
	error: { type: string; message: string; docs_url?: string; request_id?: string };
}

export interface PlatformRequest {
	method?: 'GET' | 'POST' | 'DELETE';
	key?: string;
	body?: unknown;
	headers?: Record<string, string>;
}

/** `path` under /v1, with its query: `/models/usage?expand=summary`. */
export async function platform<T = Record<string, unknown>>(
	proxyUrl: string,
	path: string,
	request: PlatformRequest = {},
): Promise<PlatformAnswer<T>> {
	const answer = await fetch(proxyUrl, {
		method: request.method ?? 'GET',
		headers: {
			'x-fal-target-url': `${PLATFORM_BASE}${path}`,
			...(request.key ? { authorization: `Key ${request.key}` } : {}),
			...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
			...request.headers,
		},
		body:
			request.body === undefined
				? undefined
				: typeof request.body === 'string'
					? request.body
					: JSON.stringify(request.body),
	});
	return { status: answer.status, headers: answer.headers, body: (await answer.json()) as T };
}

/** Every record of a paged listing, following `next_cursor` with pages of `limit`; and how many pages it took. */
export async function allPages<T>(
	proxyUrl: string,
	path: string,
	recordsOf: (page: Record<string, unknown>) => T[],
	limit: number,
	key?: string,
): Promise<{ records: T[]; pages: number }> {
	const records: T[] = [];
	let cursor: string | null = null;
	let pages = 0;
	do {
		const separator = path.includes('?') ? '&' : '?';
		const { status, body } = await platform(
			proxyUrl,
			`${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			{ key },
		);
		if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
		pages += 1;
		const page = recordsOf(body);
		if (page.length > limit)
			throw new Error(`${path}: ${page.length} records on a page of ${limit}`);
		records.push(...page);
		if (body.has_more !== (body.next_cursor !== null))
			throw new Error(`${path}: has_more and next_cursor disagree`);
		cursor = body.next_cursor as string | null;
	} while (cursor);
	return { records, pages };
}

/** A job run through the real client, submit to result: its request id, and its output or (for a failed job) its error body. */
export async function runToResult(
	client: FalClient,
	endpointId: string,
	input: Record<string, unknown>,
): Promise<{ requestId: string; output: unknown }> {
	const { request_id: requestId } = await client.queue.submit(endpointId, { input });
	await client.queue.subscribeToStatus(endpointId, { requestId, pollInterval: 15 });
	const output = await client.queue.result(endpointId, { requestId }).then(
		(result) => result.data as unknown,
		(error: { body: unknown }) => error.body,
	);
	return { requestId, output };
}
