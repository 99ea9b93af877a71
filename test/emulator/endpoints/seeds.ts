/**
 * The node's five seed endpoints (nodes/Fal/models/*.json) and background
 * removal (otherEndpoints.ts): their documents come from the curated data
 * (openapi/curated.ts), their jobs from the image model (model.ts).
 */
import { type CuratedEntry, CURATED_FILES } from '../../../nodes/Fal/schema/curated/index';
import { runImageModel } from '../model';
import { curatedDocument } from '../openapi/curated';
import { OTHER_ENDPOINT_MODELS } from '../otherEndpoints';
import type { EmulatedEndpoint, EndpointMetadata } from './types';

/** Their catalogue entries, in the words of fal's model pages. */
const METADATA: Record<string, EndpointMetadata> = {
	'fal-ai/playground-v25/inpainting': {
		displayName: 'Playground v2.5 Inpainting',
		category: 'image-to-image',
		description:
			'Inpaint the masked area of an image with Playground v2.5, a state-of-the-art open-source model for aesthetic quality.',
		tags: ['inpainting', 'stylized'],
		date: '2024-03-01T00:00:00.000Z',
	},
	'fal-ai/playground-v25/image-to-image': {
		displayName: 'Playground v2.5 Image to Image',
		category: 'image-to-image',
		description: 'Transform an image with a prompt using Playground v2.5.',
		tags: ['image-to-image', 'stylized'],
		date: '2024-03-01T00:00:00.000Z',
	},
	'fal-ai/fast-sdxl/inpainting': {
		displayName: 'Fast SDXL Inpainting',
		category: 'image-to-image',
		description:
			'Inpaint the masked area of an image with Stable Diffusion XL, with LoRAs and embeddings.',
		tags: ['inpainting', 'lora', 'sdxl'],
		date: '2023-12-05T00:00:00.000Z',
	},
	'fal-ai/hyper-sdxl/inpainting': {
		displayName: 'Hyper SDXL Inpainting',
		category: 'image-to-image',
		description: 'Inpainting with Hyper SDXL: Stable Diffusion XL distilled to one to four steps.',
		tags: ['inpainting', 'fast', 'sdxl'],
		date: '2024-04-25T00:00:00.000Z',
	},
	'fal-ai/fast-sdxl-controlnet-canny/inpainting': {
		displayName: 'Fast SDXL ControlNet Canny Inpainting',
		category: 'image-to-image',
		description:
			'Inpainting guided by the edges of a control image, with Stable Diffusion XL and a Canny ControlNet.',
		tags: ['inpainting', 'controlnet', 'sdxl'],
		date: '2024-01-18T00:00:00.000Z',
	},
	'fal-ai/imageutils/rembg': {
		displayName: 'Remove Background',
		category: 'image-to-image',
		description: 'Remove the background from an image.',
		tags: ['background removal', 'utility'],
		date: '2023-11-20T00:00:00.000Z',
	},
};

function fromCurated({ model, endpoint }: CuratedEntry): EmulatedEndpoint {
	const metadata = METADATA[endpoint.endpointId] ?? {
		displayName: endpoint.title,
		category: 'image-to-image',
		description: endpoint.title,
		tags: [],
		date: '2024-01-01T00:00:00.000Z',
	};
	return {
		endpointId: endpoint.endpointId,
		metadata,
		document: curatedDocument(model, endpoint, metadata.category),
		run: runImageModel,
	};
}

/** Every curated endpoint: the node's models in their selector's order, then the others. */
export const CURATED_ENDPOINTS: EmulatedEndpoint[] = [
	...CURATED_FILES,
	...OTHER_ENDPOINT_MODELS,
].flatMap((model) => model.endpoints.map((endpoint) => fromCurated({ model, endpoint })));
