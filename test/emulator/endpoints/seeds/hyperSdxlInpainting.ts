/**
 * `fal-ai/hyper-sdxl/inpainting`, written from its fal API page
 * (../shared/fal-docs/hyper-sdxl-inpainting.txt, section "5. Schema"): each
 * input in the page's order, with its type, `*`, default, values and
 * description; the Output section's fields. Jobs run on the image model
 * (model.ts).
 */
import { runImageModel } from '../../model';
import { buildOpenApiDocument } from '../../openapi/document';
import { pageObject } from '../../openapi/pageSchema';
import type { EmulatedEndpoint } from '../types';
import { pageComponents, pageOutput } from './otherTypes';

const ENDPOINT_ID = 'fal-ai/hyper-sdxl/inpainting';

const input = pageObject('InpaintingInput', {
	image_url: {
		type: 'string',
		file: 'image',
		required: true,
		description: 'The URL of the image to use as a starting point for the generation.',
	},
	mask_url: {
		type: 'string',
		file: 'image',
		required: true,
		description: 'The URL of the mask to use for inpainting.',
	},
	prompt: {
		type: 'string',
		required: true,
		description:
			'The prompt to use for generating the image. Be as descriptive as possible for best results.',
	},
	image_size: {
		type: 'ImageSize | Enum',
		description: 'The size of the generated image.',
		default: 'square_hd',
		enum: [
			'square_hd',
			'square',
			'portrait_4_3',
			'portrait_16_9',
			'landscape_4_3',
			'landscape_16_9',
		],
	},
	// NumInferenceStepsEnum: the page's default is "1" (quoted, as its string enums' are) but its
	// example sends the number 1; numbers here, as the example. The validator compares enum values
	// as text (validate.ts), so fal's either reading is accepted.
	num_inference_steps: {
		type: 'integer',
		description: 'The number of inference steps to perform.',
		default: 1,
		enum: [1, 2, 4],
	},
	strength: {
		type: 'float',
		description: 'determines how much the generated image resembles the initial image',
		default: 0.95,
	},
	seed: {
		type: 'integer',
		description:
			'The same seed and the same prompt given to the same version of Stable Diffusion will output the same image every time.',
	},
	sync_mode: {
		type: 'boolean',
		description:
			'If set to true, the function will wait for the image to be generated and uploaded before returning the response. This will increase the latency of the function but it allows you to get the image directly in the response without going through the CDN.',
	},
	num_images: { type: 'integer', description: 'The number of images to generate.', default: 1 },
	embeddings: {
		type: 'list<Embedding>',
		description: 'The list of embeddings to use.',
		default: [],
	},
	enable_safety_checker: {
		type: 'boolean',
		description: 'If set to true, the safety checker will be enabled.',
		default: true,
	},
	expand_prompt: {
		type: 'boolean',
		description: 'If set to true, the prompt will be expanded with additional prompts.',
	},
	format: {
		type: 'string',
		description: 'The format of the generated image.',
		default: 'jpeg',
		enum: ['jpeg', 'png'],
	},
});

export const HYPER_SDXL_INPAINTING: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'Hyper SDXL Inpainting',
		category: 'image-to-image',
		description: 'Inpainting with Hyper SDXL: Stable Diffusion XL distilled to one to four steps.',
		tags: ['inpainting', 'fast', 'sdxl'],
		date: '2024-04-25T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'image-to-image',
		input: { name: 'HyperSdxlInpaintingInput', schema: input },
		output: {
			name: 'HyperSdxlInpaintingOutput',
			schema: pageOutput(['images', 'timings', 'seed', 'has_nsfw_concepts', 'prompt']),
		},
		components: pageComponents('ImageSize', 'Embedding'),
	}),
	run: runImageModel,
};
