/**
 * `fal-ai/flux/dev`: text-to-image, its document as fal serves it (abridged
 * descriptions aside). The "model" paints each image in one colour,
 * `expectedFillColour(prompt, seed, index)`, so a test can check the pixels.
 */
import { expectedFillColour, solidImage } from '../images';
import {
	IMAGE_OUTPUT_FIELDS,
	IMAGE_SCHEMA,
	IMAGE_SIZE_SCHEMA,
	imageSizeProperty,
	nullable,
	objectSchema,
	SEED_DESCRIPTION,
	SYNC_MODE_DESCRIPTION,
} from '../openapi/components';
import { buildOpenApiDocument } from '../openapi/document';
import { outputSize, seedOf } from '../model';
import { valueOrDefault } from '../validate';
import { imageOutput } from './output';
import type { EmulatedEndpoint, EndpointRun, JobOutcome } from './types';

const ENDPOINT_ID = 'fal-ai/flux/dev';

const input = objectSchema(
	'BaseInput',
	{
		prompt: {
			examples: [
				'Extreme close-up of a single tiger eye, direct frontal view. Detailed iris and pupil. Sharp focus on eye texture and color.',
			],
			title: 'Prompt',
			type: 'string',
			description: 'The prompt to generate an image from.',
		},
		image_size: imageSizeProperty('The size of the generated image.', 'landscape_4_3'),
		num_inference_steps: {
			minimum: 1,
			maximum: 50,
			title: 'Num Inference Steps',
			type: 'integer',
			description: 'The number of inference steps to perform.',
			default: 28,
		},
		seed: { ...nullable({ type: 'integer' }), title: 'Seed', description: SEED_DESCRIPTION },
		guidance_scale: {
			minimum: 1,
			maximum: 20,
			title: 'Guidance scale (CFG)',
			type: 'number',
			description:
				'The CFG (Classifier Free Guidance) scale is a measure of how close you want the model to stick to your prompt when looking for a related image to show you.',
			default: 3.5,
		},
		sync_mode: {
			title: 'Sync Mode',
			type: 'boolean',
			description: SYNC_MODE_DESCRIPTION,
			default: false,
		},
		num_images: {
			minimum: 1,
			maximum: 4,
			title: 'Num Images',
			type: 'integer',
			description: 'The number of images to generate.',
			default: 1,
		},
		enable_safety_checker: {
			title: 'Enable Safety Checker',
			type: 'boolean',
			description: 'If set to true, the safety checker will be enabled.',
			default: true,
		},
		output_format: {
			enum: ['jpeg', 'png'],
			title: 'Output Format',
			type: 'string',
			description: 'The format of the generated image.',
			default: 'jpeg',
		},
		acceleration: {
			enum: ['none', 'regular', 'high'],
			title: 'Acceleration',
			type: 'string',
			description: 'The speed of the generation. The higher the speed, the faster the generation.',
			default: 'none',
		},
	},
	['prompt'],
);

const OUTPUT_NAMES = ['images', 'timings', 'seed', 'has_nsfw_concepts', 'prompt'];
const output = objectSchema(
	'Output',
	Object.fromEntries(OUTPUT_NAMES.map((name) => [name, IMAGE_OUTPUT_FIELDS[name]])),
	OUTPUT_NAMES,
);

async function run(job: EndpointRun): Promise<JobOutcome> {
	const { width, height } = outputSize(job);
	const seed = seedOf(job.input);
	const prompt = String(job.input.prompt);
	const count = valueOrDefault<number>(job.document, job.input, 'num_images') ?? 1;
	const format =
		valueOrDefault<string>(job.document, job.input, 'output_format') === 'png' ? 'png' : 'jpeg';
	const images = Array.from({ length: count }, (_, index) =>
		imageOutput(
			job.store,
			solidImage(width, height, expectedFillColour(prompt, seed, index)),
			format,
			index,
			job.input.sync_mode === true,
		),
	);
	return {
		status: 200,
		body: {
			images,
			timings: { inference: job.inferenceSeconds },
			seed,
			has_nsfw_concepts: images.map(() => false),
			prompt,
		},
	};
}

export const FLUX_DEV: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'FLUX.1 [dev]',
		category: 'text-to-image',
		description:
			'FLUX.1 [dev] is a 12 billion parameter flow transformer that generates high-quality images from text. It is suitable for personal and commercial use.',
		tags: ['high-res', 'realism', 'flux'],
		date: '2024-08-01T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'text-to-image',
		input: { name: 'FluxDevInput', schema: input },
		output: { name: 'FluxDevOutput', schema: output },
		components: { ImageSize: IMAGE_SIZE_SCHEMA, Image: IMAGE_SCHEMA },
	}),
	run,
};
