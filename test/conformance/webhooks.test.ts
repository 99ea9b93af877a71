/**
 * fal's webhooks as the emulator delivers them (fal-platform.md, Webhooks),
 * for jobs the real @fal-ai/client submits with a webhook URL: each delivery
 * signed with ED25519 and checked here with Node's crypto alone against the
 * JWKS served on both documented hosts; failed deliveries (non-2xx, no
 * answer, refused connection) retried on the schedule, compressed here.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import {
	EMULATOR_FAL_KEY,
	FAL_WEBHOOK_RETRY_DELAYS_MS,
	type FalEmulator,
	startFalEmulator,
} from '../emulator';
import { type FalClient, oracleClient } from '../helpers/falClient';
import { freePort } from '../helpers/ports';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

const TEXT_TO_IMAGE: string = 'fal-ai/flux/dev';

let emulator: FalEmulator;
let fal: FalClient;

beforeAll(async () => {
	emulator = await startFalEmulator({ queueTimeMs: 5, inferenceTimeMs: 10 });
	fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
});
beforeEach(() => {
	emulator.reset();
	emulator.configure({ webhookRetryDelaysMs: [30, 60, 90], webhookTimeoutMs: 300 });
});
afterAll(async () => await emulator.stop());

async function jwksFrom(
	host: string,
): Promise<{ keys: Array<{ kty: string; crv: string; x: string }> }> {
	const answer = await fetch(emulator.proxyUrl, {
		headers: { 'x-fal-target-url': `https://${host}/.well-known/jwks.json` },
	});
	expect(answer.status).toBe(200);
	return (await answer.json()) as { keys: Array<{ kty: string; crv: string; x: string }> };
}

async function submitWithWebhook(url: string): Promise<string> {
	const { request_id: requestId } = await fal.queue.submit(TEXT_TO_IMAGE, {
		input: { prompt: 'a lighthouse', image_size: 'square', seed: 1, num_inference_steps: 1 },
		webhookUrl: url,
	});
	return requestId;
}

async function deliveryDone(requestId: string, timeoutMs = 5000): Promise<void> {
	for (
		const deadline = Date.now() + timeoutMs;
		Date.now() < deadline;
		await new Promise((resolve) => setTimeout(resolve, 10))
	) {
		const delivery = emulator.stats.webhooks.find((entry) => entry.body.request_id === requestId);
		if (delivery && (delivery.delivered || delivery.attempts.length > 3)) return;
	}
	throw new Error(`the webhook of ${requestId} was not delivered`);
}

test('fal documents 10 retries over about 2 hours: the default schedule', () => {
	expect(FAL_WEBHOOK_RETRY_DELAYS_MS).toHaveLength(10);
	const totalHours = FAL_WEBHOOK_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0) / 3_600_000;
	expect(totalHours).toBeGreaterThan(1.9);
	expect(totalHours).toBeLessThan(2.1);
});

test('each delivery is signed over request_id, user_id, timestamp and the body hash, verifiable with the JWKS of both hosts', async () => {
	const alpha = await jwksFrom('rest.alpha.fal.ai');
	expect(await jwksFrom('rest.fal.ai')).toEqual(alpha);
	expect(alpha.keys[0]).toMatchObject({
		kty: 'OKP',
		crv: 'Ed25519',
		x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
	});
	const receiver = await startWebhookReceiver();
	try {
		const requestId = await submitWithWebhook(receiver.url);
		const body = await receiver.next();
		expect(body).toMatchObject({ request_id: requestId, status: 'OK' });
		const [{ raw, headers }] = receiver.calls;
		expect(headers['x-fal-webhook-request-id']).toBe(requestId);
		expect(headers['x-fal-webhook-user-id']).toBe('emulator-user');
		const timestamp = Number(headers['x-fal-webhook-timestamp']);
		expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(5);
		const message = Buffer.from(
			`${requestId}\nemulator-user\n${timestamp}\n${createHash('sha256').update(raw).digest('hex')}`,
		);
		const key = createPublicKey({ key: alpha.keys[0], format: 'jwk' });
		const signature = Buffer.from(headers['x-fal-webhook-signature'] as string, 'hex');
		expect(verify(null, message, key, signature)).toBe(true);
		// The signature covers the exact bytes: one byte changed, and it no longer verifies.
		const tampered = Buffer.from(
			`${requestId}\nemulator-user\n${timestamp}\n${createHash('sha256')
				.update(Buffer.concat([raw, Buffer.from(' ')]))
				.digest('hex')}`,
		);
		expect(verify(null, tampered, key, signature)).toBe(false);
	} finally {
		await receiver.stop();
	}
});

test('a delivery answered 500, then not answered in time, is retried after each delay and signed afresh', async () => {
	const receiver = await startWebhookReceiver([500, 'hang', 200]);
	try {
		const requestId = await submitWithWebhook(receiver.url);
		await deliveryDone(requestId);
		const delivery = emulator.stats.webhooks.find((entry) => entry.body.request_id === requestId)!;
		expect(delivery.delivered).toBe(true);
		expect(delivery.attempts.map((attempt) => attempt.status ?? 'no answer')).toEqual([
			500,
			'no answer',
			200,
		]);
		// Waits: 30 ms after the 500; the 300 ms timeout, then 60 ms.
		const [first, second, third] = receiver.calls.map((call) => call.at);
		expect(second - first).toBeGreaterThanOrEqual(28);
		expect(third - second).toBeGreaterThanOrEqual(300 + 58);
		// The same body each time.
		expect(new Set(receiver.calls.map((call) => call.raw.toString('utf8'))).size).toBe(1);
	} finally {
		await receiver.stop();
	}
});

test('a refused connection is retried until the schedule runs out, then the delivery is given up', async () => {
	const url = `http://127.0.0.1:${await freePort()}/hook`;
	const requestId = await submitWithWebhook(url);
	await deliveryDone(requestId);
	const delivery = emulator.stats.webhooks.find((entry) => entry.body.request_id === requestId)!;
	expect(delivery.delivered).toBe(false);
	// The first attempt and three retries.
	expect(delivery.attempts).toHaveLength(4);
	expect(delivery.attempts.every((attempt) => attempt.status === undefined && attempt.error)).toBe(
		true,
	);
});
