import type { CuratedFile } from '../../nodes/Fal/schema/types';

/**
 * Endpoints the emulator serves beyond the node's seed models, for the node's
 * "Other Endpoint" choice: fal endpoints the package has no data file for.
 * Written like those files, from fal's API page of each; endpoints/seeds.ts
 * makes their OpenAPI documents.
 */
export const OTHER_ENDPOINT_MODELS: CuratedFile[] = [
	{
		id: 'imageutils',
		displayName: 'Image Utils',
		types: {},
		endpoints: [
			{
				// Background removal; its output is one `image`, not `images[]`.
				// (`operation` is the node's notion and unused here.)
				operation: 'imageToImage',
				endpointId: 'fal-ai/imageutils/rembg',
				title: 'Remove Background',
				docsUrl: 'https://fal.ai/models/fal-ai/imageutils/rembg/api',
				input: [
					{ name: 'image_url', type: 'file', required: true, description: 'Input image url.' },
					{
						name: 'sync_mode',
						type: 'boolean',
						default: false,
						description:
							'If set to true, the function will wait for the image to be generated and uploaded before returning the response.',
					},
					{
						name: 'crop_to_bbox',
						type: 'boolean',
						default: false,
						description:
							'If set to true, the resulting image be cropped to a bounding box around the subject',
					},
				],
				output: ['image'],
			},
		],
	},
];
