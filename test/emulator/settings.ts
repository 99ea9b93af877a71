/** The emulator's settings, options and counters (server.ts re-exports them). */
import type { FaultRule, RouteName } from './faults';

/** The key the emulator accepts unless told otherwise. */
export const EMULATOR_FAL_KEY = 'emulator-key-id:emulator-key-secret';
/** A key the emulator knows but answers 403 for, as fal does for a locked account. */
export const EMULATOR_LOCKED_FAL_KEY = 'locked-key-id:locked-key-secret';
/** A key with fal's admin scope: valid everywhere, and needed by usage, payload deletion and billing. */
export const EMULATOR_ADMIN_FAL_KEY = 'admin-key-id:admin-key-secret';

/** fal's documented schedule: 10 retries in the span of about 2 hours. Tests compress it. */
export const FAL_WEBHOOK_RETRY_DELAYS_MS = [15, 30, 60, 120, 240, 480, 900, 1200, 1800, 2400].map(
	(seconds) => seconds * 1000,
);

export interface FalEmulatorSettings {
	/** Keys answered as valid. */
	keys: string[];
	/** Keys answered 403, as for a locked account. */
	lockedKeys: string[];
	/**
	 * Keys with fal's admin scope: valid everywhere, and the only ones the
	 * admin routes of the Platform API (usage, payload deletion, billing) take.
	 */
	adminKeys: string[];
	/** The account's credit before any job: billing answers this minus the cost of every finished job. Default 100. */
	balanceUsd: number;
	/**
	 * How many jobs of one key run at once (fal limits accounts by concurrent
	 * requests): the others wait IN_QUEUE, normal priority first, then in
	 * order. Default Infinity: every job starts after queueTimeMs.
	 */
	concurrency: number;
	/** Per-key limits that override `concurrency`. */
	concurrencyByKey: Record<string, number>;
	/** How long each job stays IN_QUEUE at least (longer when it waits for a free slot: `concurrency`). */
	queueTimeMs: number;
	/** How long each job stays IN_PROGRESS before it completes. */
	inferenceTimeMs: number;
	/**
	 * Up to this much more inference time per job (uniform, from the seeded
	 * generator), so that completions do not line up with a client's polls.
	 * Default 0.
	 */
	inferenceJitterMs: number;
	faults: FaultRule[];
	/**
	 * Offline copies of files off this machine, by URL: fal would download
	 * these itself (the docs' example images, say); the emulator, which never
	 * reaches the internet, serves it these bytes instead. Other remote URLs fail
	 * as an unreachable file does at fal.
	 */
	remoteFiles: Record<string, Buffer>;
	/** Keep every request received in `captured` (see capture.ts). Default false. */
	capture: boolean;
	/**
	 * What the video endpoints return instead of their small clip (`makeMp4()`):
	 * a big file, say, to measure how a client downloads large outputs.
	 */
	videoOutput?: Buffer;
	/** Waits before each retry of a webhook delivery that failed. Default fal's: 10 retries over about 2 hours (webhooks.ts). */
	webhookRetryDelaysMs: number[];
	/** How long a delivery may take before it counts as failed. Default 15 s. */
	webhookTimeoutMs: number;
	/** The account's user id in the signature headers. */
	webhookUserId: string;
}

export interface FalEmulatorOptions extends Partial<FalEmulatorSettings> {
	host?: string;
	/** 0 (default) picks a free port. */
	port?: number;
	/** Seed of the generator behind fault rates. */
	seed?: number;
	/**
	 * Also listen over TLS (on `tlsPort`) with this certificate, answering
	 * requests that arrive under fal's own host names (queue.fal.run,
	 * rest.fal.ai, api.fal.ai, fal.ai) as fal would: how a client that talks to
	 * fal directly reaches the emulator, through a forward proxy that tunnels
	 * fal's hosts here.
	 */
	tls?: { key: string | Buffer; cert: string | Buffer };
}

/** The settings an emulator starts with: the options given, the defaults for the rest. */
export function settingsFrom(options: FalEmulatorOptions): FalEmulatorSettings {
	return {
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
}

export interface WebhookDelivery {
	url: string;
	body: Record<string, unknown>;
	/** Whether an attempt was answered 2xx (never, where the URL is off this machine: the emulator never sends traffic there). */
	delivered: boolean;
	/** The last attempt's answer. */
	status?: number;
	error?: string;
	/** Every attempt: the first, then the retries. */
	attempts: Array<{ at: number; status?: number; error?: string }>;
}

/** What the emulator received since start or the last reset(). */
export interface FalEmulatorStats {
	/** Calls per route, faulted ones included. */
	requests: Record<RouteName, number>;
	/** Submissions accepted per endpoint id. */
	submissions: Record<string, number>;
	/** Uploads completed (single and multipart). */
	uploads: number;
	multipartUploads: number;
	/** The file URLs of the completed uploads, in the order they completed. */
	uploadedFiles: string[];
	/** Cancel calls received, whatever their answer. */
	cancels: number;
	cancelledRequestIds: string[];
	faultsInjected: number;
	webhooks: WebhookDelivery[];
	/** Requests refused for their key (401 or 403). */
	authFailures: number;
}

export function emptyStats(): FalEmulatorStats {
	return {
		requests: {
			submit: 0,
			status: 0,
			statusStream: 0,
			result: 0,
			cancel: 0,
			uploadInitiate: 0,
			uploadPut: 0,
			multipartInitiate: 0,
			multipartPart: 0,
			multipartComplete: 0,
			file: 0,
			models: 0,
			openapi: 0,
			pricing: 0,
			pricingEstimate: 0,
			usage: 0,
			analytics: 0,
			requestsByEndpoint: 0,
			deletePayloads: 0,
			billing: 0,
			workflows: 0,
			workflow: 0,
			jwks: 0,
		},
		submissions: {},
		uploads: 0,
		multipartUploads: 0,
		uploadedFiles: [],
		cancels: 0,
		cancelledRequestIds: [],
		faultsInjected: 0,
		webhooks: [],
		authFailures: 0,
	};
}
