/**
 * Every endpoint the emulator runs, by id: the node's seed endpoints (written
 * from fal's API pages, seeds/), the other hand-written ones, and those known
 * by fal's own documents (realDocuments.ts). The server schedules all of them
 * alike; the catalogue lists them first.
 */
import { FLUX_DEV } from './fluxDev';
import { IMAGE_ARCHIVE } from './imageArchive';
import { KLING_IMAGE_TO_VIDEO } from './klingImageToVideo';
import { KOKORO_AMERICAN_ENGLISH } from './kokoro';
import { NANO_BANANA_EDIT } from './nanoBananaEdit';
import { REAL_DOCUMENT_ENDPOINTS } from './realDocuments';
import { BACKGROUND_REMOVAL } from './rembg';
import { SEED_ENDPOINTS } from './seeds';
import type { EmulatedEndpoint } from './types';

export const EMULATED_ENDPOINTS: readonly EmulatedEndpoint[] = [
	...SEED_ENDPOINTS,
	BACKGROUND_REMOVAL,
	FLUX_DEV,
	NANO_BANANA_EDIT,
	KLING_IMAGE_TO_VIDEO,
	KOKORO_AMERICAN_ENGLISH,
	IMAGE_ARCHIVE,
	...REAL_DOCUMENT_ENDPOINTS,
];

const BY_ID = new Map(EMULATED_ENDPOINTS.map((endpoint) => [endpoint.endpointId, endpoint]));

/** The endpoint the emulator runs for this full id, if any. */
export function findEmulatedEndpoint(endpointId: string): EmulatedEndpoint | undefined {
	return BY_ID.get(endpointId);
}
