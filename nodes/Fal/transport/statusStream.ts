import { refUrl } from './queue';
import { callFal, type FalConnection } from './request';
import type { QueueRef, QueueStatus } from './types';

/**
 * fal's status stream: one long GET answered with server-sent events, one
 * `data: <status JSON>` per change, closed after COMPLETED. The node learns
 * of completion the moment it happens instead of at the next poll.
 */

/** The answer's body, as n8n's helper gives it with `encoding: 'stream'`. */
type EventStream = NodeJS.ReadableStream & AsyncIterable<Buffer> & { destroy(): void };

/** What the client's FalStream asks for: its JSON default and the event stream, in one header. */
const STREAM_ACCEPT = 'application/json, text/event-stream';

/**
 * Follows the stream until the request is COMPLETED and returns that status.
 * Returns undefined when the stream cannot be used (a proxy that buffers or
 * refuses it, a dropped connection, `signal` aborted), so the caller falls
 * back to polling, which also surfaces any real error the stream hid.
 */
export async function streamUntilCompleted(
	connection: FalConnection,
	ref: QueueRef,
	signal: AbortSignal,
	onStatus: (status: QueueStatus) => void,
): Promise<QueueStatus | undefined> {
	let stream: EventStream;
	try {
		const answer = await callFal<EventStream>(connection, {
			route: 'statusStream',
			method: 'GET',
			url: refUrl(ref, 'status/stream', { logs: '1' }),
			headers: { Accept: STREAM_ACCEPT },
			signal,
			stream: true,
		});
		stream = answer.body;
		const contentType = answer.headers['content-type'];
		if (typeof contentType !== 'string' || !contentType.startsWith('text/event-stream')) {
			stream.destroy();
			return undefined;
		}
	} catch {
		return undefined; // polling takes over, see above
	}
	const stop = () => stream.destroy();
	signal.addEventListener('abort', stop, { once: true });
	let last: QueueStatus | undefined;
	try {
		for await (const data of serverSentData(stream)) {
			last = JSON.parse(data) as QueueStatus;
			onStatus(last);
		}
	} catch {
		// A dropped connection, or an event that is not JSON: polling decides.
		return undefined;
	} finally {
		signal.removeEventListener('abort', stop);
		stream.destroy();
	}
	return last?.status === 'COMPLETED' && !signal.aborted ? last : undefined;
}

/** The `data` of each event of a text/event-stream (its lines joined by newlines); comments and other fields skipped. */
async function* serverSentData(stream: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
	const decoder = new TextDecoder();
	let pending = '';
	let data: string[] = [];
	for await (const chunk of stream) {
		pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		let newline: number;
		while ((newline = pending.search(/\r\n|\r|\n/)) >= 0) {
			// A lone CR at the end may be the first half of a CRLF: wait for the next chunk.
			if (newline === pending.length - 1 && pending.endsWith('\r')) break;
			const line = pending.slice(0, newline);
			pending = pending.slice(newline + (pending.startsWith('\r\n', newline) ? 2 : 1));
			if (line === '') {
				if (data.length > 0) yield data.join('\n');
				data = [];
			} else if (line.startsWith('data:')) {
				data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
			}
		}
	}
	if (data.length > 0) yield data.join('\n');
}
