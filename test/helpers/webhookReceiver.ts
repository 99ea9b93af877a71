import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../emulator/http';

/** One call as it arrived: the raw body and the headers, what a signature check needs. */
export interface ReceivedCall {
	raw: Buffer;
	headers: IncomingHttpHeaders;
	at: number;
}

/** How the receiver answers a call: a status, or no answer at all (a delivery that times out). */
export type ReceiverAnswer = number | 'hang';

/**
 * A loopback HTTP endpoint that records the JSON bodies POSTed to it (and
 * each call's raw body and headers), answering each call in turn with
 * `answers` (200 once they run out).
 */
export async function startWebhookReceiver(answers: ReceiverAnswer[] = []): Promise<{
	url: string;
	received: Array<Record<string, unknown>>;
	calls: ReceivedCall[];
	next: () => Promise<Record<string, unknown>>;
	stop: () => Promise<void>;
}> {
	const received: Array<Record<string, unknown>> = [];
	const calls: ReceivedCall[] = [];
	const waiting: Array<(body: Record<string, unknown>) => void> = [];
	const script = [...answers];
	let consumed = 0;
	const server = createServer((request, response) => {
		void readBody(request).then((bytes) => {
			calls.push({ raw: bytes, headers: request.headers, at: Date.now() });
			const answer = script.shift() ?? 200;
			if (answer === 'hang') return;
			if (answer < 200 || answer >= 300) return void response.writeHead(answer).end();
			const body = JSON.parse(bytes.toString('utf8'));
			received.push(body);
			const waiter = waiting.shift();
			if (waiter) {
				consumed += 1;
				waiter(body);
			}
			response.writeHead(answer).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		calls,
		/** The next body accepted and not yet handed out, waiting for it if need be. */
		next: () =>
			new Promise((resolve) => {
				if (consumed < received.length) resolve(received[consumed++]);
				else waiting.push(resolve);
			}),
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
