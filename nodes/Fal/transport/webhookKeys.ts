import type { KeyObject } from 'node:crypto';
import { type Jwk, publicKeysOf } from './webhookSignature';
import { callFal, type FalConnection } from './request';
import { JWKS_URLS } from './urls';

/**
 * fal's webhook keys (its JWKS), fetched through the same transport as every
 * call to fal (so a Proxy URL and the instance's proxy settings apply) and
 * kept at most 24 h, as fal asks, per way of reaching fal. fal's docs name
 * two URLs; the second is tried when the first cannot be read.
 */

const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** A key set younger than this is not fetched again after a bad signature (fal may have rotated its keys). */
const REFRESH_AFTER_MS = 60 * 1000;

interface CachedKeys {
	keys: KeyObject[];
	fetchedAt: number;
}

const cache = new Map<string, CachedKeys>();

async function fetchKeys(connection: FalConnection): Promise<KeyObject[]> {
	let lastError: unknown;
	for (const url of JWKS_URLS) {
		try {
			const answer = await callFal<{ keys?: Jwk[] }>(connection, {
				route: 'catalogue',
				method: 'GET',
				url,
			});
			return publicKeysOf(Array.isArray(answer.body?.keys) ? answer.body.keys : []);
		} catch (error) {
			lastError = error;
		}
	}
	throw lastError;
}

/** fal's keys: cached ones while younger than 24 h (and, with `fresh`, younger than a minute), else fetched. */
export async function webhookKeys(
	connection: FalConnection,
	options: { fresh?: boolean } = {},
): Promise<{ keys: KeyObject[]; fetched: boolean }> {
	const cacheKey = connection.proxyUrl ?? 'direct';
	const cached = cache.get(cacheKey);
	const age = cached ? Date.now() - cached.fetchedAt : Number.POSITIVE_INFINITY;
	if (cached && age < MAX_AGE_MS && !(options.fresh && age >= REFRESH_AFTER_MS))
		return { keys: cached.keys, fetched: false };
	const keys = await fetchKeys(connection);
	cache.set(cacheKey, { keys, fetchedAt: Date.now() });
	return { keys, fetched: true };
}

/** Forgets every cached key set (tests). */
export function clearWebhookKeyCache(): void {
	cache.clear();
}
