import type { CuratedEndpoint, CuratedFile } from '../types';
import fastSdxl from './fast-sdxl.json';
import fastSdxlControlnetCanny from './fast-sdxl-controlnet-canny.json';
import hyperSdxl from './hyper-sdxl.json';
import playgroundV25 from './playground-v25.json';

/**
 * The curated endpoints: one data file per entry of the Model selector, each
 * holding that entry's fal endpoints field by field, in the terms of their
 * fal docs pages. Adding a curated endpoint is adding a data file here.
 */

/** Every curated file, in the order of the Model selector. */
export const CURATED_FILES = [
	playgroundV25,
	fastSdxl,
	hyperSdxl,
	fastSdxlControlnetCanny,
] as CuratedFile[];

/**
 * The Model selector's default: fixed, not "the first entry", since n8n
 * leaves a parameter at its default out of saved workflows; an entry added
 * above it must not change what those workflows run.
 */
export const DEFAULT_MODEL_SELECTION = 'playground-v25';

/** An entry's Operation default: the first endpoint of its file, which that file keeps first for the same reason. */
export function defaultOperationOf(file: CuratedFile): string {
	return file.endpoints[0].operation;
}

/** A curated endpoint with the file it is in (whose object types its fields refer to). */
export interface CuratedEntry {
	model: CuratedFile;
	endpoint: CuratedEndpoint;
}

export function curatedEndpointById(endpointId: string): CuratedEntry | undefined {
	for (const model of CURATED_FILES) {
		const endpoint = model.endpoints.find((candidate) => candidate.endpointId === endpointId);
		if (endpoint) return { model, endpoint };
	}
	return undefined;
}

/** The curated endpoint a Model selection and an Operation name. */
export function findCuratedEndpoint(
	selection: string,
	operation: string,
): CuratedEntry | undefined {
	const model = CURATED_FILES.find((candidate) => candidate.id === selection);
	const endpoint = model?.endpoints.find((candidate) => candidate.operation === operation);
	return model && endpoint ? { model, endpoint } : undefined;
}
