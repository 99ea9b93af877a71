import type { IncomingMessage } from 'node:http';
import type { RouteName } from './faults';
import { bodyWasRead, readBody } from './http';

/**
 * Every request the emulator receives, as it arrived, for the tests that hold
 * two clients' requests side by side (test/wire/): what the node sends next
 * to what @fal-ai/client sends for the same call. Off unless `capture` is set.
 */
export interface CapturedRequest {
	/** fal's route, as stats and fault rules name it; undefined for anything else (health, unknown paths). */
	route?: RouteName;
	method: string;
	/**
	 * The URL the request was for: fal's (from x-fal-target-url through a proxy,
	 * or https://<fal host><path> when it came under fal's own name), or the
	 * emulator's own (upload URLs, files).
	 */
	target: string;
	/** Where it was sent: the proxy URL, fal's URL, or the emulator's own. */
	address: string;
	/** Lower-cased names; repeated headers joined with ", ". */
	headers: Record<string, string>;
	/** Empty for a request whose body nothing read (GETs, dropped ones). */
	body: Buffer;
}

export function captureRequest(
	request: IncomingMessage,
	record: Omit<CapturedRequest, 'headers' | 'body'>,
	into: CapturedRequest[],
): void {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value !== undefined)
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	const captured: CapturedRequest = { ...record, headers, body: Buffer.alloc(0) };
	into.push(captured);
	// The body arrives (and is read by the handler) after the request starts.
	request.once('end', () => {
		if (bodyWasRead(request)) void readBody(request).then((body) => (captured.body = body));
	});
}
