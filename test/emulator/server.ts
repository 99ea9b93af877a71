import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
	authorizeQueue,
	EMULATOR_ADMIN_FAL_KEY,
	EMULATOR_FAL_KEY,
	EMULATOR_LOCKED_FAL_KEY,
} from './auth';
import { type CapturedRequest, captureRequest } from './capture';
import { FaultInjector, type FaultRule, type RouteName, seededRandom } from './faults';
import { readBody, sendJson } from './http';
import { type Answer, platformError } from './platform/answers';
import { handlePlatform, isPlatformRoute, type PlatformHost } from './platform/router';
import { type Job, JobQueue, QUEUE_HOST } from './queue';
import { handleQueue, type QueueHost } from './queueRoutes';
import {
	API_HOST,
	FAL_HOSTS,
	JWKS_PATH,
	REST_ALPHA_HOST,
	REST_HOST,
	routeOf,
	WEB_HOST,
} from './routes';
import { Scheduler } from './scheduler';
import {
	emptyStats,
	type FalEmulatorOptions,
	type FalEmulatorSettings,
	type FalEmulatorStats,
} from './settings';
import { FileStore, type StoredFile } from './storage';
import { FAL_WEBHOOK_RETRY_DELAYS_MS, WebhookSender } from './webhooks';

export type {
	FalEmulatorOptions,
	FalEmulatorSettings,
	FalEmulatorStats,
	WebhookDelivery,
} from './settings';
export { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY, EMULATOR_LOCKED_FAL_KEY };

const TARGET_URL_HEADER = 'x-fal-target-url';

/**
 * A local stand-in for fal.ai, reached the way fal's server proxies are: every
 * queue, storage, Platform API and OpenAPI call arrives with fal's real URL in
 * `x-fal-target-url` (what `createFalClient({ proxyUrl: { url, when: 'always' } })`
 * sends), or under fal's own host names over TLS. Upload URLs and file URLs it
 * hands out point back at itself. The queue is in queueRoutes.ts and
 * scheduler.ts, the Platform API in platform/; this class holds their state,
 * storage and the faults. See test/README.md.
 */
export class FalEmulator {
	readonly settings: FalEmulatorSettings;

	stats: FalEmulatorStats = emptyStats();

	/** Every request received while `capture` is on, in arrival order; cleared by reset(). */
	captured: CapturedRequest[] = [];

	private readonly queue = new JobQueue();

	private readonly store: FileStore;

	private readonly scheduler: Scheduler;

	/** What the queue and Platform API modules are given of the emulator. */
	private readonly host: QueueHost & PlatformHost;

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
		this.settings = {
			keys: options.keys ?? [EMULATOR_FAL_KEY],
			lockedKeys: options.lockedKeys ?? [EMULATOR_LOCKED_FAL_KEY],
			adminKeys: options.adminKeys ?? [EMULATOR_ADMIN_FAL_KEY],
			balanceUsd: options.balanceUsd ?? 100,
			concurrency: options.concurrency ?? Number.POSITIVE_INFINITY,
			concurrencyByKey: options.concurrencyByKey ?? {},
			queueTimeMs: options.queueTimeMs ?? 20,
			inferenceTimeMs: options.inferenceTimeMs ?? 50,
			inferenceJitterMs: options.inferenceJitterMs ?? 0,
			faults: options.faults ?? [],
			remoteFiles: options.remoteFiles ?? {},
			capture: options.capture ?? false,
			videoOutput: options.videoOutput,
			webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? FAL_WEBHOOK_RETRY_DELAYS_MS,
			webhookTimeoutMs: options.webhookTimeoutMs ?? 15_000,
			webhookUserId: options.webhookUserId ?? 'emulator-user',
		};
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
		};
		const handler = (secure: boolean) => (request: IncomingMessage, response: ServerResponse) => {
			this.handle(request, response, secure).catch((error: Error) => {
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
		// The Platform API (catalogue included) answers in its own error shape.
		const error = (status: number, type: string, message: string) =>
			isPlatformRoute(route) ? platformError(status, type, message).body : { detail: message };
		switch (rule.kind) {
			case 'rate-limit':
				sendJson(
					response,
					429,
					error(429, 'rate_limited', 'Rate limit exceeded. Please retry later.'),
					{ 'retry-after': String(rule.retryAfterSeconds ?? 1) },
				);
				return 'answered';
			case 'unavailable':
				sendJson(
					response,
					rule.status ?? 503,
					error(rule.status ?? 503, 'server_error', 'Service temporarily unavailable'),
				);
				return 'answered';
			case 'drop':
				request.socket.destroy();
				return 'answered';
			case 'fail-job':
				return rule;
		}
	}

	private async handle(
		request: IncomingMessage,
		response: ServerResponse,
		secure: boolean,
	): Promise<void> {
		const method = request.method ?? 'GET';
		const address = new URL(
			request.url ?? '/',
			`${secure ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`,
		);
		// Through a proxy fal's URL is in x-fal-target-url; sent to fal directly it is the address itself.
		const header = request.headers[TARGET_URL_HEADER];
		const target =
			typeof header === 'string'
				? URL.canParse(header)
					? new URL(header)
					: undefined
				: secure && FAL_HOSTS.has(address.hostname)
					? address
					: undefined;
		if (this.settings.capture) {
			const own = !target;
			const url = target ?? new URL(request.url ?? '/', this.baseUrl);
			captureRequest(
				request,
				{ route: routeOf(url, method, own), method, target: url.href, address: address.href },
				this.captured,
			);
		}
		if (typeof header === 'string' && !target)
			return sendJson(response, 400, { detail: `Invalid ${TARGET_URL_HEADER}: ${header}` });
		if (target) {
			if (target.hostname === QUEUE_HOST)
				return handleQueue(this.host, target, method, request, response);
			if (
				(target.hostname === REST_HOST || target.hostname === REST_ALPHA_HOST) &&
				target.pathname === JWKS_PATH
			)
				return this.serveJwks(method, request, response);
			if (target.hostname === REST_HOST)
				return this.handleStorageInitiate(target, method, request, response);
			if (target.hostname === API_HOST || target.hostname === WEB_HOST)
				return handlePlatform(this.host, target, method, request, response);
			return sendJson(response, 404, { detail: `The emulator does not serve ${target.hostname}` });
		}
		if (secure)
			return sendJson(response, 404, {
				detail: `The emulator answers only fal's hosts over TLS, not ${address.hostname}`,
			});

		const url = new URL(request.url ?? '/', this.baseUrl);
		const segments = url.pathname.split('/').filter(Boolean);
		if (method === 'GET' && segments[0] === 'files')
			return this.serveFile(segments.slice(1).join('/'), request, response);
		if (method === 'PUT' && segments[0] === 'upload' && segments.length === 2)
			return this.uploadSingle(segments[1], request, response);
		if (segments[0] === 'upload-multipart' && segments.length === 3) {
			if (method === 'POST' && segments[2] === 'complete')
				return this.uploadComplete(segments[1], request, response);
			if (method === 'PUT')
				return this.uploadPart(segments[1], Number(segments[2]), request, response);
		}
		if (method === 'GET' && url.pathname === '/health')
			return sendJson(response, 200, { ok: true });
		sendJson(response, 404, { detail: `Not found: ${method} ${url.pathname}` });
	}

	/** fal's webhook keys, no key needed (webhooks.ts signs with the private half). */
	private serveJwks(method: string, request: IncomingMessage, response: ServerResponse): void {
		if (method !== 'GET')
			return sendJson(response, 405, { detail: `Method ${method} not allowed` });
		if (this.injectFault('jwks', request, response) === 'answered') return;
		sendJson(response, 200, this.webhooks.jwks());
	}

	/** 0 unless inferenceJitterMs is set (so the seeded generator is drawn only then). */
	private inferenceJitter(): number {
		return this.settings.inferenceJitterMs > 0
			? Math.floor(this.jitterRandom() * this.settings.inferenceJitterMs)
			: 0;
	}

	// ---- storage -----------------------------------------------------------

	private async handleStorageInitiate(
		target: URL,
		method: string,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		const multipart = target.pathname === '/storage/upload/initiate-multipart';
		if (method !== 'POST' || (!multipart && target.pathname !== '/storage/upload/initiate')) {
			return sendJson(response, 404, { detail: `Not found: ${method} ${target.pathname}` });
		}
		if (
			this.injectFault(multipart ? 'multipartInitiate' : 'uploadInitiate', request, response) ===
			'answered'
		)
			return;
		if (authorizeQueue(request, response, this.settings, this.stats) === undefined) return;
		let body: { content_type?: unknown; file_name?: unknown };
		try {
			body = JSON.parse((await readBody(request)).toString('utf8'));
		} catch {
			return sendJson(response, 422, {
				detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }],
			});
		}
		const errors = (['content_type', 'file_name'] as const)
			.filter((name) => typeof body[name] !== 'string')
			.map((name) => ({ loc: ['body', name], msg: 'Field required', type: 'missing' }));
		if (errors.length > 0) return sendJson(response, 422, { detail: errors });
		sendJson(
			response,
			200,
			this.store.initiate(body.content_type as string, body.file_name as string, multipart),
		);
	}

	private async uploadSingle(
		token: string,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		if (this.injectFault('uploadPut', request, response) === 'answered') return;
		const bytes = await readBody(request);
		const fileUrl = this.store.pendingFileUrl(token);
		if (!this.store.putSingle(token, bytes, request.headers['content-type'])) {
			return sendJson(response, 404, { detail: 'Unknown or used upload URL' });
		}
		this.stats.uploads += 1;
		this.stats.uploadedFiles.push(fileUrl!);
		sendJson(response, 200, {});
	}

	private async uploadPart(
		token: string,
		partNumber: number,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		if (this.injectFault('multipartPart', request, response) === 'answered') return;
		const part = this.store.putPart(token, partNumber, await readBody(request));
		if (!part) return sendJson(response, 404, { detail: 'Unknown upload or part number' });
		sendJson(response, 200, part);
	}

	private async uploadComplete(
		token: string,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		if (this.injectFault('multipartComplete', request, response) === 'answered') return;
		let parts: Array<{ partNumber: number; etag: string }>;
		try {
			parts = JSON.parse((await readBody(request)).toString('utf8')).parts;
		} catch {
			return sendJson(response, 422, {
				detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }],
			});
		}
		const fileUrl = Array.isArray(parts) ? this.store.complete(token, parts) : undefined;
		if (!fileUrl)
			return sendJson(response, 400, { detail: 'Parts do not match the uploaded parts' });
		this.stats.uploads += 1;
		this.stats.multipartUploads += 1;
		this.stats.uploadedFiles.push(fileUrl);
		sendJson(response, 200, { file_url: fileUrl });
	}

	private serveFile(fileId: string, request: IncomingMessage, response: ServerResponse): void {
		if (this.injectFault('file', request, response) === 'answered') return;
		const file = this.store.get(decodeURIComponent(fileId));
		if (!file) return sendJson(response, 404, { detail: 'File not found' });
		response.writeHead(200, {
			'content-type': file.contentType,
			'content-length': file.bytes.length,
			'content-disposition': `inline; filename="${file.fileName}"`,
		});
		response.end(file.bytes);
	}
}

/** Starts an emulator on a free loopback port. */
export async function startFalEmulator(options: FalEmulatorOptions = {}): Promise<FalEmulator> {
	return new FalEmulator(options).start();
}
