import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../emulator/http';

/** A loopback HTTP endpoint that records the JSON bodies POSTed to it. */
export async function startWebhookReceiver(): Promise<{ url: string; received: Array<Record<string, unknown>>; next: () => Promise<Record<string, unknown>>; stop: () => Promise<void> }> {
	const received: Array<Record<string, unknown>> = [];
	const waiting: Array<(body: Record<string, unknown>) => void> = [];
	let consumed = 0;
	const server = createServer((request, response) => {
		void readBody(request).then((bytes) => {
			const body = JSON.parse(bytes.toString('utf8'));
			received.push(body);
			const waiter = waiting.shift();
			if (waiter) {
				consumed += 1;
				waiter(body);
			}
			response.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		/** The next body not yet handed out, waiting for it if need be. */
		next: () =>
			new Promise((resolve) => {
				if (consumed < received.length) resolve(received[consumed++]);
				else waiting.push(resolve);
			}),
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
