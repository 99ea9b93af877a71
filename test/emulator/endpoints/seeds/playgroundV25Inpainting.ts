/**
 * `fal-ai/playground-v25/inpainting`, written from its fal API page
 * (../shared/fal-docs/playground-v25-inpainting.txt, section "5. Schema"):
 * each input in the page's order, with its type, `*`, default, values and
 * description; the Output section's fields. The page's layout lost the
 * headers of `image_size`, `embeddings` and some outputs; their text,
 * place and the page's example say what they are. Jobs run on the image
 * model (model.ts).
 */
import { runImageModel } from '../../model';
import { buildOpenApiDocument } from '../../openapi/document';
import { pageObject } from '../../openapi/pageSchema';
import type { EmulatedEndpoint } from '../types';
import { pageComponents, pageOutput } from './otherTypes';

const ENDPOINT_ID = 'fal-ai/playground-v25/inpainting';

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
	negative_prompt: {
		type: 'string',
		description:
			"The negative prompt to use.Use it to address details that you don't want in the image. This could be colors, objects, scenery and even the small details (e.g. moustache, blurry, low resolution).",
		default: '',
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
	num_inference_steps: {
		type: 'integer',
		description: 'The number of inference steps to perform.',
		default: 25,
	},
	guidance_scale: {
		type: 'float',
		description:
			'The CFG (Classifier Free Guidance) scale is a measure of how close you want the model to stick to your prompt when looking for a related image to show you.',
		default: 3,
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
	safety_checker_version: {
		type: 'string',
		description:
			'The version of the safety checker to use. v1 is the default CompVis safety checker. v2 uses a custom ViT model.',
		default: 'v1',
		enum: ['v1', 'v2'],
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
	guidance_rescale: { type: 'float', description: 'The rescale factor for the CFG.' },
});

export const PLAYGROUND_V25_INPAINTING: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'Playground v2.5 Inpainting',
		category: 'image-to-image',
		description:
			'Inpaint the masked area of an image with Playground v2.5, a state-of-the-art open-source model for aesthetic quality.',
		tags: ['inpainting', 'stylized'],
		date: '2024-03-01T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'image-to-image',
		input: { name: 'PlaygroundV25InpaintingInput', schema: input },
		output: {
			name: 'PlaygroundV25InpaintingOutput',
			schema: pageOutput(['images', 'timings', 'seed', 'has_nsfw_concepts', 'prompt']),
		},
		components: pageComponents('ImageSize', 'Embedding'),
	}),
	run: runImageModel,
};
