/**
 * A small HTTP forward proxy on 127.0.0.1, as a corporate network puts one in
 * front of n8n (HTTP_PROXY / HTTPS_PROXY): plain requests in absolute form are
 * forwarded, HTTPS goes through CONNECT tunnels. fal's hosts are tunnelled to
 * the emulator's TLS listener (the proxy stands in for the internet); other
 * hosts only when they are on this machine. It records what passed.
 */
import { createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FAL_TLS_NAMES } from './tls';

/** Tunnels for every fal host name the emulator answers over TLS, to its TLS port on this machine. */
export function falHostTunnels(tlsPort: number): Record<string, { host: string; port: number }> {
	return Object.fromEntries(
		FAL_TLS_NAMES.map((name) => [`${name}:443`, { host: '127.0.0.1', port: tlsPort }]),
	);
}

export interface ForwardProxy {
	url: string;
	/** `host:port` of each CONNECT, in order. */
	tunnels: string[];
	/** Each plain request's absolute URL, in order. */
	requests: string[];
	stop(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** `hosts` maps `host:port` to where the tunnel really goes (fal's hosts → the emulator's TLS port). */
export async function startForwardProxy(
	hosts: Record<string, { host: string; port: number }>,
): Promise<ForwardProxy> {
	const sockets = new Set<Socket>();
	const tunnels: string[] = [];
	const requests: string[] = [];
	const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
		requests.push(incoming.url ?? '');
		const target = URL.canParse(incoming.url ?? '') ? new URL(incoming.url!) : undefined;
		if (!target || target.protocol !== 'http:' || !LOOPBACK.test(target.hostname)) {
			outgoing
				.writeHead(502, { 'content-type': 'text/plain' })
				.end(`the test proxy does not reach ${incoming.url}`);
			return;
		}
		const upstream = httpRequest(
			target,
			{ method: incoming.method, headers: incoming.headers },
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		upstream.on('error', () => outgoing.destroy());
		incoming.pipe(upstream);
	});
	server.on('connect', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
		const authority = incoming.url ?? '';
		tunnels.push(authority);
		const [hostname, port] = authority.split(':');
		const destination =
			hosts[authority] ??
			(LOOPBACK.test(hostname) ? { host: hostname, port: Number(port) } : undefined);
		if (!destination) {
			client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
			return;
		}
		const upstream = connect(destination.port, destination.host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length > 0) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => [client, upstream].forEach((end) => end.destroy()));
		}
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		tunnels,
		requests,
		stop: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
