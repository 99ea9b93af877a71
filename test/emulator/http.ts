import type { IncomingMessage, ServerResponse } from 'node:http';

const bodies = new WeakMap<IncomingMessage, Promise<Buffer>>();

/** A request's body, read once: later calls (a handler, the request capture) get the same bytes. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
	let body = bodies.get(request);
	if (!body) {
		body = (async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of request) chunks.push(chunk as Buffer);
			return Buffer.concat(chunks);
		})();
		bodies.set(request, body);
	}
	return await body;
}

/** Whether something read the request's body (GETs and dropped requests are never read). */
export function bodyWasRead(request: IncomingMessage): boolean {
	return bodies.has(request);
}

/** fal always answers JSON with this content type; the client reads anything else as text. */
export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	response.end(text);
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Decodes a data: URI (base64 or percent-encoded). */
export function decodeDataUri(uri: string): Buffer {
	const match = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(uri);
	if (!match) throw new Error('malformed data URI');
	return match[2]
		? Buffer.from(match[3], 'base64')
		: Buffer.from(decodeURIComponent(match[3]), 'utf8');
}
