import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLoopbackHost } from './http';
import type { Job } from './queue';
import type { FalEmulatorSettings, WebhookDelivery } from './settings';

/**
 * fal's webhooks as fal sends them (fal-platform.md, Webhooks): the body for
 * a finished job (OK with the output, or ERROR with the error body), signed
 * with ED25519 over `request_id \n user_id \n timestamp \n hex(sha256(body))`
 * in four X-Fal-Webhook-* headers, the public key served as a JWKS; a
 * delivery that fails (non-2xx, timeout, refused connection) is retried after
 * each of `webhookRetryDelaysMs`. Only to URLs on this machine (the emulator
 * never sends traffic elsewhere); every attempt is recorded.
 */

export class WebhookSender {
	private readonly privateKey: KeyObject;

	private readonly publicKey: KeyObject;

	/** Stops pending retries (emulator stop or reset). */
	private stopper = new AbortController();

	constructor() {
		({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('ed25519'));
	}

	/** fal's JWKS: the emulator's one public key. */
	jwks(): { keys: Array<Record<string, string>> } {
		const { x } = this.publicKey.export({ format: 'jwk' }) as { x: string };
		return {
			keys: [
				{ kty: 'OKP', crv: 'Ed25519', x, kid: 'emulator-webhook-key', use: 'sig', alg: 'EdDSA' },
			],
		};
	}

	/** The four signature headers for a body sent now (tests sign with other keys through signWebhook). */
	sign(
		requestId: string,
		userId: string,
		body: Buffer,
		timestamp = Math.floor(Date.now() / 1000),
	): Record<string, string> {
		return signWebhook(this.privateKey, requestId, userId, body, timestamp);
	}

	stopRetries(): void {
		this.stopper.abort();
		this.stopper = new AbortController();
	}

	async send(
		job: Job,
		deliveries: WebhookDelivery[],
		settings: FalEmulatorSettings,
	): Promise<void> {
		const ok = job.outcome?.status === 200;
		const body: Record<string, unknown> = {
			request_id: job.requestId,
			gateway_request_id: job.requestId,
			status: ok ? 'OK' : 'ERROR',
			payload: job.outcome?.body ?? null,
			...(ok ? {} : { error: `Invalid status code: ${job.outcome?.status}` }),
		};
		const delivery: WebhookDelivery = {
			url: job.webhookUrl!,
			body,
			delivered: false,
			attempts: [],
		};
		deliveries.push(delivery);
		let url: URL;
		try {
			url = new URL(job.webhookUrl!);
		} catch {
			delivery.error = 'invalid URL';
			return;
		}
		if (!isLoopbackHost(url.hostname)) {
			delivery.error = 'not delivered: the emulator only sends webhooks to this machine';
			return;
		}
		const bytes = Buffer.from(JSON.stringify(body));
		const { signal } = this.stopper;
		for (let attempt = 0; ; attempt++) {
			const answer = await this.attempt(url, job.requestId, bytes, settings);
			delivery.attempts.push({ at: Date.now(), ...answer });
			delivery.status = answer.status;
			delivery.error = answer.error;
			if (answer.status !== undefined && answer.status >= 200 && answer.status < 300) {
				delivery.delivered = true;
				return;
			}
			const delay = settings.webhookRetryDelaysMs[attempt];
			if (delay === undefined || signal.aborted) return;
			try {
				await sleep(delay, undefined, { signal, ref: false });
			} catch {
				return;
			}
		}
	}

	private async attempt(
		url: URL,
		requestId: string,
		bytes: Buffer,
		settings: FalEmulatorSettings,
	): Promise<{ status?: number; error?: string }> {
		try {
			const answer = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...this.sign(requestId, settings.webhookUserId, bytes),
				},
				body: new Uint8Array(bytes),
				signal: AbortSignal.timeout(settings.webhookTimeoutMs),
			});
			await answer.arrayBuffer().catch(() => undefined);
			return { status: answer.status };
		} catch (error) {
			return { error: (error as Error).message };
		}
	}
}

/** fal's four signature headers for a body, signed with `privateKey`. */
export function signWebhook(
	privateKey: KeyObject,
	requestId: string,
	userId: string,
	body: Buffer,
	timestamp: number,
): Record<string, string> {
	const message = `${requestId}\n${userId}\n${timestamp}\n${createHash('sha256').update(body).digest('hex')}`;
	return {
		'x-fal-webhook-request-id': requestId,
		'x-fal-webhook-user-id': userId,
		'x-fal-webhook-timestamp': String(timestamp),
		'x-fal-webhook-signature': sign(null, Buffer.from(message, 'utf8'), privateKey).toString('hex'),
	};
}
