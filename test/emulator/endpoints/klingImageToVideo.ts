/**
 * `fal-ai/kling-video/v2.1/standard/image-to-video`: one image in, a video
 * out (`{video: File}`). The "model" checks the image and answers a real small
 * MP4 (`makeMp4()`), or the emulator's `videoOutput` setting when given.
 */
import { makeMp4, MEDIA_TYPES } from '../media';
import { FILE_SCHEMA, objectSchema, ref } from '../openapi/components';
import { buildOpenApiDocument } from '../openapi/document';
import { fileOutput } from './output';
import type { EmulatedEndpoint, EndpointRun, JobOutcome } from './types';

const ENDPOINT_ID = 'fal-ai/kling-video/v2.1/standard/image-to-video';

const input = objectSchema(
	'ImageToVideoV21StandardRequest',
	{
		prompt: {
			examples: ['Snowflakes fall as a car moves forward along the road.'],
			maxLength: 2500,
			title: 'Prompt',
			type: 'string',
		},
		image_url: {
			examples: ['https://storage.googleapis.com/falserverless/kling/kling_input.jpeg'],
			title: 'Image Url',
			type: 'string',
			description: 'URL of the image to be used for the video',
			ui: { field: 'image' },
		},
		duration: {
			enum: ['5', '10'],
			title: 'Duration',
			type: 'string',
			description: 'The duration of the generated video in seconds',
			default: '5',
		},
		negative_prompt: {
			maxLength: 2500,
			title: 'Negative Prompt',
			type: 'string',
			default: 'blur, distort, and low quality',
		},
		cfg_scale: {
			minimum: 0,
			maximum: 1,
			title: 'Cfg Scale',
			type: 'number',
			description:
				'The CFG (Classifier Free Guidance) scale is a measure of how close you want the model to stick to your prompt.',
			default: 0.5,
		},
	},
	['prompt', 'image_url'],
);

const output = objectSchema(
	'ImageToVideoV21StandardOutput',
	{ video: { ...ref('File'), title: 'Video', description: 'The generated video' } },
	['video'],
);

async function run(job: EndpointRun): Promise<JobOutcome> {
	const bytes = job.videoOutput ?? makeMp4();
	return {
		status: 200,
		body: { video: fileOutput(job.store, bytes, MEDIA_TYPES.mp4, 'output.mp4') },
	};
}

export const KLING_IMAGE_TO_VIDEO: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'Kling 2.1 (standard)',
		category: 'image-to-video',
		description:
			'Kling 2.1 Standard is a cost-efficient endpoint for the Kling 2.1 model, delivering high-quality image-to-video generation.',
		tags: ['motion', 'stylized'],
		date: '2025-06-04T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'image-to-video',
		input: { name: 'KlingVideoV21StandardImageToVideoInput', schema: input },
		output: { name: 'KlingVideoV21StandardImageToVideoOutput', schema: output },
		components: { File: FILE_SCHEMA },
	}),
	run,
};
