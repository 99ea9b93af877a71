import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';

/**
 * fal's webhook signature (fal-platform.md, Webhooks): ED25519 over the
 * UTF-8 bytes of `request_id \n user_id \n timestamp \n hex(sha256(raw body))`,
 * carried in four X-Fal-Webhook-* headers; valid when any key of fal's JWKS
 * verifies it and the timestamp is within 300 s of now. No I/O here: the keys
 * come from transport/webhookKeys.ts.
 */

const SIGNATURE_HEADERS = {
	requestId: 'x-fal-webhook-request-id',
	userId: 'x-fal-webhook-user-id',
	timestamp: 'x-fal-webhook-timestamp',
	signature: 'x-fal-webhook-signature',
} as const;

/** How far a signature's timestamp may be from now, either way. */
const MAX_TIMESTAMP_SKEW_SECONDS = 300;

/** One key of a JSON Web Key Set, as fal serves it: an Ed25519 public key in `x`. */
export interface Jwk {
	kty?: string;
	crv?: string;
	x?: string;
	kid?: string;
}

export type SignatureCheck =
	| { valid: true; requestId: string; userId: string; timestamp: number }
	| { valid: false; reason: string; requestId?: string; userId?: string; timestamp?: number };

/** Header values by lower-cased name (n8n's Webhook and Wait nodes already lower-case them). */
function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
	const lowered: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		const text = Array.isArray(value) ? value[0] : value;
		if (typeof text === 'string' || typeof text === 'number')
			lowered[name.toLowerCase()] = String(text);
	}
	return lowered;
}

/** fal's keys, read leniently: base64url with or without padding, or plain base64. Keys that are not Ed25519 are skipped. */
export function publicKeysOf(keys: Jwk[]): KeyObject[] {
	const usable: KeyObject[] = [];
	for (const key of keys) {
		if (typeof key.x !== 'string' || (key.crv !== undefined && key.crv !== 'Ed25519')) continue;
		const x = key.x.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
		if (Buffer.from(x, 'base64url').length !== 32) continue;
		try {
			usable.push(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }));
		} catch {
			// A malformed key verifies nothing; the others may.
		}
	}
	return usable;
}

/** The bytes fal signs for a delivery. */
function signedMessage(
	requestId: string,
	userId: string,
	timestamp: string,
	rawBody: Buffer,
): Buffer {
	const bodyHash = createHash('sha256').update(rawBody).digest('hex');
	return Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${bodyHash}`, 'utf8');
}

/** Checks one delivery: its headers, its raw body as received, fal's keys, and the time now (Unix seconds). */
export function checkSignature(
	headers: Record<string, unknown>,
	rawBody: Buffer,
	keys: KeyObject[],
	nowSeconds: number,
): SignatureCheck {
	const lowered = lowerCaseHeaders(headers);
	const missing = Object.values(SIGNATURE_HEADERS).filter((name) => !lowered[name]?.trim());
	const requestId = lowered[SIGNATURE_HEADERS.requestId]?.trim();
	const userId = lowered[SIGNATURE_HEADERS.userId]?.trim();
	const timestampText = lowered[SIGNATURE_HEADERS.timestamp]?.trim();
	const seen = {
		requestId,
		userId,
		timestamp: timestampText && /^\d+$/.test(timestampText) ? Number(timestampText) : undefined,
	};
	if (missing.length > 0)
		return {
			valid: false,
			reason: `missing header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
			...seen,
		};
	if (seen.timestamp === undefined)
		return {
			valid: false,
			reason: `${SIGNATURE_HEADERS.timestamp} is not a Unix time in seconds: "${timestampText}"`,
			...seen,
		};
	const skew = Math.abs(nowSeconds - seen.timestamp);
	if (skew > MAX_TIMESTAMP_SKEW_SECONDS)
		return {
			valid: false,
			reason: `stale timestamp: ${Math.round(skew)} s from now (at most ${MAX_TIMESTAMP_SKEW_SECONDS} s)`,
			...seen,
		};
	const signatureHex = lowered[SIGNATURE_HEADERS.signature].trim();
	if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex))
		return { valid: false, reason: `${SIGNATURE_HEADERS.signature} is not hex`, ...seen };
	if (keys.length === 0)
		return { valid: false, reason: "fal's key set has no Ed25519 key", ...seen };
	const message = signedMessage(requestId!, userId!, timestampText!, rawBody);
	const signature = Buffer.from(signatureHex, 'hex');
	const verified = keys.some((key) => {
		try {
			return verify(null, message, key, signature);
		} catch {
			return false;
		}
	});
	if (!verified)
		return {
			valid: false,
			reason: "bad signature: no key of fal's key set verifies this body and these headers",
			...seen,
		};
	return { valid: true, requestId: requestId!, userId: userId!, timestamp: seen.timestamp };
}
