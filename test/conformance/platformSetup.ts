/**
 * What the Platform API conformance tests share (platformKeys,
 * platformPricing, platformFaults, platformUsage, platformAnalytics): the
 * emulator with quick queue and inference times and the real @fal-ai/client
 * through it (clientEmulator.ts), a client with an admin key too, and a
 * Platform API call (`fetch` through the emulator as a fal proxy,
 * fal-platform.md). Jest loads this module afresh for each test file, so
 * `admin` is that file's own, set by usePlatformEmulator's beforeAll.
 */
import { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY } from '../emulator';
import { type FalClient, oracleClient } from '../helpers/falClient';
import { platform } from '../helpers/platform';
import { emulator, useClientEmulator } from './clientEmulator';

export { emulator, fal } from './clientEmulator';

/** An entry of the request history (`GET /models/requests/by-endpoint`). */
export interface RequestItem {
	request_id: string;
	endpoint_id: string;
	started_at: string;
	sent_at: string;
	ended_at: string;
	status_code: number;
	duration: number;
	json_input?: unknown;
	json_output?: unknown;
}

export const FLUX: string = 'fal-ai/flux/dev';

export let admin: FalClient;

/** A call with the normal key, another key, or none (null). */
export const call = <T = Record<string, unknown>>(
	path: string,
	key: string | null = EMULATOR_FAL_KEY,
	init: Omit<Parameters<typeof platform>[2], 'key'> = {},
) => platform<T>(emulator.proxyUrl, path, { ...init, key: key ?? undefined });

export function usePlatformEmulator(): void {
	useClientEmulator({ queueTimeMs: 10, inferenceTimeMs: 20 });
	beforeAll(() => {
		admin = oracleClient({ apiKey: EMULATOR_ADMIN_FAL_KEY, proxyUrl: emulator.proxyUrl });
	});
}
