import type { FalEndpointSchema, FalModelSchema } from './types';
import fastSdxl from './fast-sdxl.json';
import fastSdxlControlnetCanny from './fast-sdxl-controlnet-canny.json';
import hyperSdxl from './hyper-sdxl.json';
import playgroundV25 from './playground-v25.json';

export type * from './types';

/** Every model the node offers, in the order of its model selector. */
export const falModels = [
	playgroundV25,
	fastSdxl,
	hyperSdxl,
	fastSdxlControlnetCanny,
] as FalModelSchema[];

/**
 * The Model selector's default: fixed, not "the first model", since n8n
 * leaves a parameter at its default out of saved workflows; a model added
 * above it must not change what those workflows run.
 */
export const DEFAULT_MODEL_ID = 'playground-v25';

/** A model's Operation default: the first endpoint of its data file, which that file keeps first for the same reason. */
export function defaultOperationOf(model: FalModelSchema): string {
	return model.endpoints[0].operation;
}

export interface FalEndpointEntry {
	model: FalModelSchema;
	endpoint: FalEndpointSchema;
}

export function findEndpoint(endpointId: string): FalEndpointEntry | undefined {
	for (const model of falModels) {
		const endpoint = model.endpoints.find((candidate) => candidate.endpointId === endpointId);
		if (endpoint) return { model, endpoint };
	}
	return undefined;
}

export function findModelEndpoint(
	modelId: string,
	operation: string,
): FalEndpointEntry | undefined {
	const model = falModels.find((candidate) => candidate.id === modelId);
	const endpoint = model?.endpoints.find((candidate) => candidate.operation === operation);
	return model && endpoint ? { model, endpoint } : undefined;
}
