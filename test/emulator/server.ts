import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY, EMULATOR_LOCKED_FAL_KEY } from './settings';
import type { CapturedRequest } from './capture';
import { type DispatchHost, dispatch } from './dispatch';
import { answerFault } from './faultAnswers';
import { FaultInjector, type FaultRule, type RouteName, seededRandom } from './faults';
import { sendJson } from './http';
import type { Answer } from './platform/answers';
import { type Job, JobQueue } from './queue';
import { Scheduler } from './scheduler';
import {
	emptyStats,
	type FalEmulatorOptions,
	type FalEmulatorSettings,
	type FalEmulatorStats,
	settingsFrom,
} from './settings';
import { FileStore, type StoredFile } from './storage';
import { WebhookSender } from './webhooks';

export type { FalEmulatorOptions, FalEmulatorSettings, FalEmulatorStats } from './settings';
export { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY, EMULATOR_LOCKED_FAL_KEY };

/**
 * A local stand-in for fal.ai, reached the way fal's server proxies are: every
 * queue, storage, Platform API and OpenAPI call arrives with fal's real URL in
 * `x-fal-target-url` (what `createFalClient({ proxyUrl: { url, when: 'always' } })`
 * sends), or under fal's own host names over TLS. Upload URLs and file URLs it
 * hands out point back at itself. dispatch.ts routes each request: the
 * queue to queueRoutes.ts and scheduler.ts, storage to storageRoutes.ts, the
 * Platform API to platform/; this class holds their state, the files and the
 * faults, and is what a test steers. See test/emulator/README.md.
 */
export class FalEmulator {
	readonly settings: FalEmulatorSettings;

	stats: FalEmulatorStats = emptyStats();

	/** Every request received while `capture` is on, in arrival order; cleared by reset(). */
	captured: CapturedRequest[] = [];

	private readonly queue = new JobQueue();

	private readonly store: FileStore;

	private readonly scheduler: Scheduler;

	/** What the route handlers are given of the emulator. */
	private readonly host: DispatchHost;

	/** Payload deletions' answers by Idempotency-Key. */
	private readonly idempotentAnswers = new Map<string, Answer>();

	private readonly faults: FaultInjector;

	/** Signs and delivers fal's webhooks, with retries; its public key is the JWKS. */
	readonly webhooks = new WebhookSender();

	private jitterRandom: () => number;

	private readonly server: Server;

	private readonly tlsServer?: Server;

	private tlsPortNumber = 0;

	private readonly sockets = new Set<Socket>();

	private baseUrl = '';

	constructor(private readonly options: FalEmulatorOptions = {}) {
		this.settings = settingsFrom(options);
		this.faults = new FaultInjector(options.seed ?? 1);
		this.faults.set(this.settings.faults);
		this.jitterRandom = seededRandom(options.seed ?? 1);
		this.store = new FileStore(() => this.baseUrl);
		const { settings, queue, store } = this;
		const stats = () => this.stats;
		this.scheduler = new Scheduler({
			settings,
			queue,
			store,
			stats,
			webhooks: this.webhooks,
			inferenceJitter: () => this.inferenceJitter(),
		});
		this.host = {
			settings,
			queue,
			store,
			scheduler: this.scheduler,
			idempotentAnswers: this.idempotentAnswers,
			stats,
			jobs: () => this.jobs(),
			injectFault: (route, request, response, endpointId?: string) =>
				this.injectFault(route, request, response, endpointId),
			webhooks: this.webhooks,
			captured: () => this.captured,
			baseUrl: () => this.baseUrl,
		};
		const handler = (secure: boolean) => (request: IncomingMessage, response: ServerResponse) => {
			dispatch(this.host, request, response, secure).catch((error: Error) => {
				if (!response.headersSent)
					sendJson(response, 500, { detail: `emulator error: ${error.message}` });
				else response.destroy();
			});
		};
		this.server = createServer(handler(false));
		if (options.tls) this.tlsServer = createTlsServer(options.tls, handler(true));
		for (const server of [this.server, this.tlsServer]) {
			server?.on(
				options.tls && server === this.tlsServer ? 'secureConnection' : 'connection',
				(socket: Socket) => {
					this.sockets.add(socket);
					socket.on('close', () => this.sockets.delete(socket));
				},
			);
		}
	}

	/** Base URL, e.g. http://127.0.0.1:41234. */
	get url(): string {
		return this.baseUrl;
	}

	/** The TLS listener's port (with the `tls` option), where fal's host names are answered. */
	get tlsPort(): number {
		return this.tlsPortNumber;
	}

	/** What to give as the credential's Proxy URL (any path here works). */
	get proxyUrl(): string {
		return `${this.baseUrl}/api/fal/proxy`;
	}

	async start(): Promise<this> {
		const host = this.options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port ?? 0, host, () => resolve());
		});
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
		const tlsServer = this.tlsServer;
		if (tlsServer) {
			await new Promise<void>((resolve, reject) => {
				tlsServer.once('error', reject);
				tlsServer.listen(0, host, () => resolve());
			});
			this.tlsPortNumber = (tlsServer.address() as AddressInfo).port;
		}
		return this;
	}

	async stop(): Promise<void> {
		this.webhooks.stopRetries();
		this.queue.clear();
		for (const socket of this.sockets) socket.destroy();
		await Promise.all(
			[this.server, this.tlsServer].map(
				(server) => server && new Promise<void>((resolve) => server.close(() => resolve())),
			),
		);
	}

	/** Changes settings from now on (faults restart their call counts from the current ones; new concurrency limits apply to waiting jobs at once). */
	configure(settings: Partial<FalEmulatorSettings>): void {
		Object.assign(this.settings, settings);
		if (settings.faults) this.faults.set(settings.faults);
		if (settings.concurrency !== undefined || settings.concurrencyByKey) this.scheduler.rebalance();
	}

	/** Forgets jobs, files, counts, faults and idempotency keys. */
	reset(): void {
		this.webhooks.stopRetries();
		this.queue.clear();
		this.store.clear();
		this.idempotentAnswers.clear();
		this.stats = emptyStats();
		this.captured = [];
		this.configure({ faults: [] });
		this.jitterRandom = seededRandom(this.options.seed ?? 1);
	}

	/** Jobs in submission order. */
	jobs(): Job[] {
		return [...this.queue.jobs.values()];
	}

	job(requestId: string): Job | undefined {
		return this.queue.jobs.get(requestId);
	}

	/** A stored file (uploaded or generated) by its URL. */
	file(url: string): StoredFile | undefined {
		return this.store.getByUrl(url);
	}

	/** Puts a file on the emulator's CDN, as if uploaded earlier; returns its URL (served at /files/...). */
	hostFile(bytes: Buffer, contentType: string, fileName: string): string {
		return this.store.add(bytes, contentType, fileName);
	}

	private count(route: RouteName): number {
		this.stats.requests[route] += 1;
		return this.stats.requests[route];
	}

	/**
	 * Counts the call and applies a fault rule that fires for it: 'answered' when
	 * the fault answered (or dropped) the request, the rule for 'fail-job', which
	 * the job itself carries out, undefined when none fires.
	 */
	private injectFault(
		route: RouteName,
		request: IncomingMessage,
		response: ServerResponse,
		endpointId?: string,
	): FaultRule | 'answered' | undefined {
		const rule = this.faults.match(route, this.count(route), endpointId);
		if (!rule) return undefined;
		this.stats.faultsInjected += 1;
		return answerFault(rule, route, request, response);
	}

	/** 0 unless inferenceJitterMs is set (so the seeded generator is drawn only then). */
	private inferenceJitter(): number {
		return this.settings.inferenceJitterMs > 0
			? Math.floor(this.jitterRandom() * this.settings.inferenceJitterMs)
			: 0;
	}
}

/** Starts an emulator on a free loopback port. */
export async function startFalEmulator(options: FalEmulatorOptions = {}): Promise<FalEmulator> {
	return new FalEmulator(options).start();
}
