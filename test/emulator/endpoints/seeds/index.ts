/**
 * The node's five seed endpoints, each with its document written from its
 * fal API page (../shared/fal-docs), in the order of the node's model
 * selector. test/schema/curatedAgainstEmulator.test.ts holds the node's
 * curated data files to these documents.
 */
import type { EmulatedEndpoint } from '../types';
import { FAST_SDXL_CONTROLNET_CANNY_INPAINTING } from './fastSdxlControlnetCannyInpainting';
import { FAST_SDXL_INPAINTING } from './fastSdxlInpainting';
import { HYPER_SDXL_INPAINTING } from './hyperSdxlInpainting';
import { PLAYGROUND_V25_IMAGE_TO_IMAGE } from './playgroundV25ImageToImage';
import { PLAYGROUND_V25_INPAINTING } from './playgroundV25Inpainting';

export const SEED_ENDPOINTS: readonly EmulatedEndpoint[] = [
	PLAYGROUND_V25_INPAINTING,
	PLAYGROUND_V25_IMAGE_TO_IMAGE,
	FAST_SDXL_INPAINTING,
	HYPER_SDXL_INPAINTING,
	FAST_SDXL_CONTROLNET_CANNY_INPAINTING,
];
