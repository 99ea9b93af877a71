/**
 * `fal-ai/imageutils/rembg`, background removal: an endpoint the node has no
 * data file for, served for its "Other Endpoint" choice. Its document is
 * written by hand (there is no page of it in ../shared/fal-docs) in the shape
 * of fal's: one `image_url`, and one `image` out, not `images[]`. The image
 * model (model.ts) answers with the input image, its size kept.
 */
import { runImageModel } from '../model';
import { IMAGE_OUTPUT_FIELDS, IMAGE_SCHEMA, objectSchema } from '../openapi/components';
import { buildOpenApiDocument } from '../openapi/document';
import { pageObject } from '../openapi/pageSchema';
import type { EmulatedEndpoint } from './types';

const ENDPOINT_ID = 'fal-ai/imageutils/rembg';

const input = pageObject('RembgInput', {
	image_url: { type: 'string', file: 'image', required: true, description: 'Input image url.' },
	sync_mode: {
		type: 'boolean',
		description:
			'If set to true, the function will wait for the image to be generated and uploaded before returning the response.',
		default: false,
	},
	crop_to_bbox: {
		type: 'boolean',
		description:
			'If set to true, the resulting image be cropped to a bounding box around the subject',
		default: false,
	},
});

const output = objectSchema('Output', { image: IMAGE_OUTPUT_FIELDS.image }, ['image']);

export const BACKGROUND_REMOVAL: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'Remove Background',
		category: 'image-to-image',
		description: 'Remove the background from an image.',
		tags: ['background removal', 'utility'],
		date: '2023-11-20T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'image-to-image',
		input: { name: 'ImageutilsRembgInput', schema: input },
		output: { name: 'ImageutilsRembgOutput', schema: output },
		components: { Image: IMAGE_SCHEMA },
	}),
	run: runImageModel,
};
