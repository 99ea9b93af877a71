/**
 * Two endpoints' OpenAPI documents written the way fal writes them
 * (fal-platform.md): flux/dev (presets or a custom size, a nullable seed, a
 * hidden field) and nano-banana/edit (file inputs of every kind, numeric
 * enums, lists of objects, unions). The tests of the conversion to the field
 * model (openApiFields, openApiPlan) read them.
 */
import type { OpenApiDocument } from '../../nodes/Fal/schema/openApi';
import type { JsonSchema } from '../../nodes/Fal/schema/jsonSchema';

function documentFor(
	endpointId: string,
	input: JsonSchema,
	components: Record<string, JsonSchema> = {},
): OpenApiDocument {
	return {
		info: {
			title: `Queue OpenAPI for ${endpointId}`,
			'x-fal-metadata': { endpointId, documentationUrl: `https://fal.ai/models/${endpointId}/api` },
		},
		paths: {
			[`/${endpointId}/requests/{request_id}/status`]: {},
			[`/${endpointId}`]: {
				post: {
					requestBody: {
						content: { 'application/json': { schema: { $ref: '#/components/schemas/Input' } } },
					},
				},
			},
			[`/${endpointId}/requests/{request_id}`]: {},
		},
		components: { schemas: { Input: input, ...components } },
	};
}

const IMAGE_SIZE: JsonSchema = {
	title: 'ImageSize',
	type: 'object',
	'x-fal-order-properties': ['width', 'height'],
	properties: {
		width: { title: 'Width', type: 'integer', exclusiveMinimum: 0, maximum: 14142, default: 512 },
		height: { title: 'Height', type: 'integer', exclusiveMinimum: 0, maximum: 14142, default: 512 },
	},
};

export const FLUX = documentFor(
	'fal-ai/flux/dev',
	{
		title: 'BaseInput',
		type: 'object',
		'x-fal-order-properties': [
			'prompt',
			'image_size',
			'num_inference_steps',
			'seed',
			'guidance_scale',
			'sync_mode',
			'output_format',
		],
		required: ['prompt'],
		properties: {
			output_format: {
				enum: ['jpeg', 'png'],
				title: 'Output Format',
				type: 'string',
				default: 'jpeg',
			},
			sync_mode: { title: 'Sync Mode', type: 'boolean', default: false, ui: { hidden: true } },
			prompt: {
				title: 'Prompt',
				type: 'string',
				description: 'The prompt to generate an image from.',
			},
			image_size: {
				anyOf: [
					{ $ref: '#/components/schemas/ImageSize' },
					{ enum: ['square_hd', 'landscape_4_3'], type: 'string' },
				],
				title: 'Image Size',
				default: 'landscape_4_3',
			},
			num_inference_steps: {
				minimum: 1,
				maximum: 50,
				title: 'Num Inference Steps',
				type: 'integer',
				default: 28,
			},
			seed: { anyOf: [{ type: 'integer' }, { type: 'null' }], title: 'Seed' },
			guidance_scale: {
				minimum: 1,
				maximum: 20,
				title: 'Guidance scale (CFG)',
				type: 'number',
				default: 3.5,
			},
		},
	},
	{ ImageSize: IMAGE_SIZE },
);

export const EDIT = documentFor(
	'fal-ai/nano-banana/edit',
	{
		type: 'object',
		required: ['prompt', 'image_urls'],
		properties: {
			prompt: { type: 'string', maxLength: 50 },
			image_urls: {
				title: 'Image URLs',
				type: 'array',
				items: { type: 'string', _fal_ui_field: 'image' },
			},
			num_images: { type: 'integer', enum: [1, 2, 4], default: 1 },
			cover: {
				allOf: [{ $ref: '#/components/schemas/File' }],
				description: 'An old-style file input',
			},
			voice_sample_url: { type: 'string' },
			loras: { type: 'array', items: { $ref: '#/components/schemas/LoraWeight' }, default: [] },
			extras: { anyOf: [{ type: 'string' }, { type: 'object' }] },
			strength: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
		},
	},
	{
		File: {
			type: 'object',
			properties: {
				url: { type: 'string' },
				content_type: { type: 'string' },
				file_name: { type: 'string' },
			},
			required: ['url'],
		},
		LoraWeight: {
			type: 'object',
			required: ['path'],
			properties: {
				path: { type: 'string' },
				scale: { type: 'number', minimum: 0, maximum: 4, default: 1 },
			},
		},
	},
);
