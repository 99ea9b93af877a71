/**
 * Queue Request → Verify Webhook in n8n's engine: fal's real (emulated)
 * webhook calls, as a Webhook or Wait node with Raw Body passes them on
 * (the body in binary field `data`, the headers in json.headers), checked
 * against the JWKS read through the credential's Proxy URL; tampered bodies,
 * old timestamps, other keys and missing headers answered invalid with the
 * reason.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';
import { signWebhook } from '../emulator';
import { type ReceivedCall, startWebhookReceiver } from '../helpers/webhookReceiver';
import type { TestItem } from '../n8n/workflow';
import { clearWebhookKeyCache } from '../../nodes/Fal/transport/webhookKeys';
import { imageAndMaskItem, inpaintParameters, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const verifyParameters = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'queueRequest',
	operation: 'verifyWebhook',
	...extra,
});

/** A real delivery: a run without waiting, with the webhook pointed at a local receiver. */
async function deliveredCall(): Promise<ReceivedCall> {
	const receiver = await startWebhookReceiver();
	try {
		const { error } = await run({
			parameters: inpaintParameters({ waitForCompletion: false, webhookUrl: receiver.url }),
			items: [imageAndMaskItem()],
		});
		expect(error).toBeUndefined();
		await receiver.next();
		return receiver.calls[0];
	} finally {
		await receiver.stop();
	}
}

/** What a Webhook node with Raw Body outputs for a call. */
function webhookItem(call: { raw: Buffer; headers: Record<string, unknown> }): TestItem {
	return {
		json: { headers: call.headers, body: JSON.parse(call.raw.toString('utf8')) },
		binary: { data: { bytes: call.raw, mimeType: 'application/json', fileName: 'body.json' } },
	};
}

async function verdict(item: TestItem, extra: INodeParameters = {}) {
	const { items, error } = await run({ parameters: verifyParameters(extra), items: [item] });
	expect(error).toBeUndefined();
	expect(items[0].pairedItem).toEqual({ item: 0 });
	return items[0].json;
}

beforeEach(() => clearWebhookKeyCache());

test("a call fal signed is valid, with fal's webhook body; the key set is read once, through the Proxy URL", async () => {
	const call = await deliveredCall();
	const [job] = emulator().jobs();
	const json = await verdict(webhookItem(call));
	expect(json).toMatchObject({
		valid: true,
		requestId: job.requestId,
		userId: 'emulator-user',
		timestamp: expect.any(Number),
	});
	expect(json.webhook).toMatchObject({
		request_id: job.requestId,
		status: 'OK',
		payload: { images: [expect.objectContaining({ url: expect.any(String) })] },
	});
	expect(json.reason).toBeUndefined();
	expect(
		await verdict(webhookItem(call), { rawBodySource: 'text', rawBody: call.raw.toString('utf8') }),
	).toMatchObject({ valid: true });
	// Cached (fal allows 24 h): one read for both runs.
	expect(emulator().stats.requests.jwks).toBe(1);
});

test('a changed body, an old timestamp, another key and a missing header are invalid, each with its reason', async () => {
	const call = await deliveredCall();
	const [job] = emulator().jobs();
	const tampered = Buffer.from(call.raw.toString('utf8').replace('"OK"', '"ERROR"'));
	expect(await verdict(webhookItem({ raw: tampered, headers: call.headers }))).toMatchObject({
		valid: false,
		reason: expect.stringMatching(/^bad signature/),
	});

	const old = Math.floor(Date.now() / 1000) - 400;
	const stale = {
		...call.headers,
		...emulator().webhooks.sign(job.requestId, 'emulator-user', call.raw, old),
	};
	expect(await verdict(webhookItem({ raw: call.raw, headers: stale }))).toMatchObject({
		valid: false,
		reason: expect.stringMatching(/^stale timestamp: 40[01] s from now \(at most 300 s\)$/),
		timestamp: old,
	});

	const { privateKey } = generateKeyPairSync('ed25519');
	const forged = {
		...call.headers,
		...signWebhook(
			privateKey,
			job.requestId,
			'emulator-user',
			call.raw,
			Math.floor(Date.now() / 1000),
		),
	};
	expect(await verdict(webhookItem({ raw: call.raw, headers: forged }))).toMatchObject({
		valid: false,
		reason: expect.stringMatching(/^bad signature/),
	});

	const unsigned = Object.fromEntries(
		Object.entries(call.headers).filter(([name]) => name !== 'x-fal-webhook-signature'),
	);
	expect(await verdict(webhookItem({ raw: call.raw, headers: unsigned }))).toMatchObject({
		valid: false,
		reason: 'missing header x-fal-webhook-signature',
		requestId: job.requestId,
	});
	// None of these is passed on as fal's: no webhook body when invalid.
	expect(
		(await verdict(webhookItem({ raw: tampered, headers: call.headers }))).webhook,
	).toBeUndefined();
});

test("fal's docs name two JWKS URLs: when the first cannot be read, the second is", async () => {
	const call = await deliveredCall();
	emulator().configure({
		faults: [{ route: 'jwks', kind: 'unavailable', status: 404, calls: [1] }],
	});
	expect(await verdict(webhookItem(call))).toMatchObject({ valid: true });
	expect(emulator().stats.requests.jwks).toBe(2);
});

test('an item without the raw body fails naming the field and the item; nothing is fetched', async () => {
	const call = await deliveredCall();
	const { error } = await run({
		parameters: verifyParameters({ rawBodyBinaryField: 'raw' }),
		items: [webhookItem(call)],
	});
	expect(error?.message).toContain('Raw Body Binary Field');
	expect(error?.message).toContain('"raw"');
	expect(JSON.stringify(error)).toContain('itemIndex');
	expect(emulator().stats.requests.jwks).toBe(0);
});
