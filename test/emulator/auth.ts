/**
 * fal's keys and how each host answers a request for its key: the queue and
 * storage in their `{detail}` shape, the Platform API in its own
 * (`{"error": {type, message}}`), where some routes take only admin keys.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http';
import { platformError } from './platform/answers';
import type { FalEmulatorSettings, FalEmulatorStats } from './settings';

const LOCKED =
	'User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.';
const UNKNOWN = 'No user found for Key ID and Secret';
const NO_KEY = 'No API key given: send the header Authorization: Key <your fal key>.';
const NEEDS_ADMIN =
	'This endpoint requires an ADMIN API key. Create one in fal.ai → Dashboard → Keys (scope: Admin).';

type KeyKind = 'admin' | 'valid' | 'locked' | 'unknown' | 'missing';

/** The key of `Authorization: Key <key>`, if the header has one. */
function keyOf(request: IncomingMessage): string | undefined {
	return /^Key (.+)$/.exec(request.headers.authorization ?? '')?.[1];
}

function kindOf(key: string | undefined, settings: FalEmulatorSettings): KeyKind {
	if (key === undefined) return 'missing';
	if (settings.adminKeys.includes(key)) return 'admin';
	if (settings.keys.includes(key)) return 'valid';
	return settings.lockedKeys.includes(key) ? 'locked' : 'unknown';
}

/** Queue and storage: any valid key (admin ones too). The key, or undefined once the refusal is sent. */
export function authorizeQueue(
	request: IncomingMessage,
	response: ServerResponse,
	settings: FalEmulatorSettings,
	stats: FalEmulatorStats,
): string | undefined {
	const key = keyOf(request);
	const kind = kindOf(key, settings);
	if (kind === 'admin' || kind === 'valid') return key;
	stats.authFailures += 1;
	sendJson(response, kind === 'locked' ? 403 : 401, {
		detail: kind === 'locked' ? LOCKED : UNKNOWN,
	});
	return undefined;
}

/**
 * The Platform API: a valid key, or an admin key where `admin` (a valid
 * normal key then gets 403). The key, or undefined once the refusal is sent.
 */
export function authorizePlatform(
	request: IncomingMessage,
	response: ServerResponse,
	settings: FalEmulatorSettings,
	stats: FalEmulatorStats,
	admin: boolean,
): string | undefined {
	const key = keyOf(request);
	const kind = kindOf(key, settings);
	if (kind === 'admin' || (kind === 'valid' && !admin)) return key;
	stats.authFailures += 1;
	const [status, message] =
		kind === 'valid'
			? [403, NEEDS_ADMIN]
			: kind === 'locked'
				? [403, LOCKED]
				: [401, kind === 'missing' ? NO_KEY : UNKNOWN];
	const answer = platformError(status, 'authorization_error', message);
	sendJson(response, answer.status, answer.body);
	return undefined;
}
