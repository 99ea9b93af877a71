/**
 * `fal-ai/nano-banana/edit`: image editing from several input images (a list
 * of URL strings hinted `_fal_ui_field: image`). The "model" puts the inputs
 * side by side (`editedImage` in images.ts), so a test can compute the picture.
 */
import { editedImage } from '../images';
import { IMAGE_SCHEMA, objectSchema, ref, SYNC_MODE_DESCRIPTION } from '../openapi/components';
import { buildOpenApiDocument } from '../openapi/document';
import { valueOrDefault } from '../validate';
import { imageOutput, type OutputImageFormat } from './output';
import type { EmulatedEndpoint, EndpointRun, JobOutcome } from './types';

const ENDPOINT_ID = 'fal-ai/nano-banana/edit';

const input = objectSchema(
	'NanoBananaImageToImageInput',
	{
		prompt: {
			examples: ['make a photo of the man driving the car down the california coastline'],
			title: 'Prompt',
			type: 'string',
			description: 'The prompt for image editing.',
		},
		image_urls: {
			examples: [
				['https://storage.googleapis.com/falserverless/example_inputs/nano-banana-edit-input.png'],
			],
			title: 'Image URLs',
			type: 'array',
			items: { type: 'string', _fal_ui_field: 'image' },
			description: 'List of URLs of input images for editing.',
		},
		num_images: {
			minimum: 1,
			maximum: 4,
			title: 'Number of Images',
			type: 'integer',
			description: 'Number of images to generate',
			default: 1,
		},
		output_format: {
			enum: ['jpeg', 'png', 'webp'],
			title: 'Output Format',
			type: 'string',
			description: 'Output format for the images',
			default: 'png',
		},
		sync_mode: {
			title: 'Sync Mode',
			type: 'boolean',
			description: SYNC_MODE_DESCRIPTION,
			default: false,
			ui: { hidden: true },
		},
	},
	['prompt', 'image_urls'],
);

const output = objectSchema(
	'NanoBananaImageToImageOutput',
	{
		images: {
			title: 'Images',
			type: 'array',
			items: ref('ImageFile'),
			description: 'The edited images',
		},
		description: {
			title: 'Description',
			type: 'string',
			description: 'Text description or response from Gemini',
		},
	},
	['images', 'description'],
);

async function run(job: EndpointRun): Promise<JobOutcome> {
	const inputs = (job.fileLists.image_urls ?? []).map((file) => file.image!);
	if (inputs.length === 0) {
		return {
			status: 422,
			body: {
				detail: [
					{
						loc: ['body', 'image_urls'],
						msg: 'At least one image is required',
						type: 'value_error',
					},
				],
			},
		};
	}
	const picture = editedImage(inputs);
	const count = valueOrDefault<number>(job.document, job.input, 'num_images') ?? 1;
	const format =
		valueOrDefault<OutputImageFormat>(job.document, job.input, 'output_format') ?? 'png';
	const images = Array.from({ length: count }, (_, index) =>
		imageOutput(job.store, picture, format, index, job.input.sync_mode === true),
	);
	return {
		status: 200,
		body: {
			images,
			description: `Here ${inputs.length === 1 ? 'is the image' : `are the ${inputs.length} images`} side by side.`,
		},
	};
}

export const NANO_BANANA_EDIT: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'Nano Banana',
		category: 'image-to-image',
		description:
			"Google's state-of-the-art image generation and editing model: edit images from a prompt, with several input images.",
		tags: ['image-editing', 'multi-image', 'google'],
		date: '2025-08-26T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'image-to-image',
		input: { name: 'NanoBananaEditInput', schema: input },
		output: { name: 'NanoBananaEditOutput', schema: output },
		components: { ImageFile: { ...IMAGE_SCHEMA, title: 'ImageFile' } },
	}),
	run,
};
