/**
 * The one conversion from an endpoint's OpenAPI document to the node's field
 * model, the resource-mapper fields it gives, and the checks of their values,
 * on documents written the way fal writes them (fal-platform.md).
 */
import { planFromFields } from '../../nodes/Fal/request/mapperBody';
import { mapperFields } from '../../nodes/Fal/fields/mapperFields';
import { fieldsFromOpenApi, type OpenApiDocument } from '../../nodes/Fal/schema/openApi';
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

const FLUX = documentFor(
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

const EDIT = documentFor(
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

describe('fieldsFromOpenApi', () => {
	test("follows the $refs to the input, in x-fal-order-properties' order, hidden fields left out", () => {
		const schema = fieldsFromOpenApi('fal-ai/flux/dev', FLUX);
		expect(schema.docsUrl).toBe('https://fal.ai/models/fal-ai/flux/dev/api');
		expect(schema.input.map((field) => field.name)).toEqual([
			'prompt',
			'image_size',
			'num_inference_steps',
			'seed',
			'guidance_scale',
			'output_format',
		]);
		const byName = Object.fromEntries(schema.input.map((field) => [field.name, field]));
		expect(byName.prompt).toMatchObject({
			type: 'string',
			required: true,
			description: 'The prompt to generate an image from.',
		});
		expect(byName.image_size).toMatchObject({
			type: 'image_size',
			enum: ['square_hd', 'landscape_4_3'],
			items: 'ImageSize',
			default: 'landscape_4_3',
		});
		expect(
			schema.types.ImageSize.map((field) => [
				field.name,
				field.type,
				field.exclusiveMinimum,
				field.maximum,
			]),
		).toEqual([
			['width', 'integer', 0, 14142],
			['height', 'integer', 0, 14142],
		]);
		expect(byName.num_inference_steps).toMatchObject({
			type: 'integer',
			minimum: 1,
			maximum: 50,
			default: 28,
		});
		// A nullable union is its one real type, optional.
		expect(byName.seed).toMatchObject({ type: 'integer' });
		expect(byName.seed.required).toBeUndefined();
		expect(byName.guidance_scale).toMatchObject({ type: 'float', title: 'Guidance scale (CFG)' });
		expect(byName.output_format).toMatchObject({
			type: 'string',
			enum: ['jpeg', 'png'],
			default: 'jpeg',
		});
	});

	test('recognises file inputs by UI hint, File object and name; numeric enums; lists of objects; other unions as JSON', () => {
		const schema = fieldsFromOpenApi('fal-ai/nano-banana/edit', EDIT);
		const byName = Object.fromEntries(schema.input.map((field) => [field.name, field]));
		expect(byName.image_urls).toMatchObject({
			type: 'file',
			fileKind: 'image',
			multiple: true,
			required: true,
		});
		expect(byName.cover).toMatchObject({
			type: 'file',
			fileKind: 'file',
			description: 'An old-style file input',
		});
		expect(byName.voice_sample_url).toMatchObject({ type: 'file', fileKind: 'audio' });
		expect(byName.num_images).toMatchObject({ type: 'integer', enum: [1, 2, 4] });
		expect(byName.loras).toMatchObject({ type: 'list', items: 'LoraWeight' });
		expect(schema.types.LoraWeight.map((field) => field.name)).toEqual(['path', 'scale']);
		expect(byName.extras).toMatchObject({ type: 'json' });
		expect(byName.strength).toMatchObject({
			type: 'float',
			exclusiveMinimum: 0,
			exclusiveMaximum: 1,
		});
	});

	test('names the endpoint when the document has no input schema', () => {
		expect(() => fieldsFromOpenApi('fal-ai/x', { paths: {} })).toThrow(
			'the OpenAPI document of fal-ai/x has no input schema',
		);
	});
});

describe('the resource mapper fields', () => {
	test('are typed, required ones marked, defaults filled in, range and default in the name', () => {
		const fields = mapperFields(fieldsFromOpenApi('fal-ai/flux/dev', FLUX));
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		expect(byId.prompt).toMatchObject({
			displayName: 'Prompt',
			type: 'string',
			required: true,
			display: true,
		});
		expect(byId.num_inference_steps).toMatchObject({
			displayName: 'Num Inference Steps (1–50, default 28)',
			type: 'number',
			defaultValue: 28,
			required: false,
		});
		expect(byId.image_size).toMatchObject({ type: 'options', defaultValue: 'landscape_4_3' });
		expect(byId.image_size.options?.map((option) => option.value)).toEqual([
			'square_hd',
			'landscape_4_3',
			'custom',
		]);
		expect(byId.image_size_width).toMatchObject({
			type: 'number',
			removed: true,
			defaultValue: 512,
		});
		expect(byId.image_size_width.displayName).toBe(
			'Image Size: Custom Width (px, > 0, ≤ 14142, default 512; when Image Size is custom)',
		);
		expect(byId.output_format).toMatchObject({ type: 'options', defaultValue: 'jpeg' });
		expect(byId.sync_mode).toBeUndefined();
	});

	test('say how a file is given', () => {
		const byId = Object.fromEntries(
			mapperFields(fieldsFromOpenApi('fal-ai/nano-banana/edit', EDIT)).map((field) => [
				field.id,
				field,
			]),
		);
		expect(byId.image_urls.displayName).toBe('Image URLs (URLs or binary fields)');
		expect(byId.cover.displayName).toBe('Cover (URL or binary field)');
		expect(byId.num_images).toMatchObject({
			type: 'options',
			options: [
				{ name: '1', value: 1 },
				{ name: '2', value: 2 },
				{ name: '4', value: 4 },
			],
		});
		// A list default is fal's to apply: not pre-filled, so not sent unless set.
		expect(byId.loras).toMatchObject({ type: 'array' });
		expect(byId.loras.defaultValue).toBeUndefined();
	});
});

describe('planFromFields', () => {
	const flux = fieldsFromOpenApi('fal-ai/flux/dev', FLUX);
	const edit = fieldsFromOpenApi('fal-ai/nano-banana/edit', EDIT);

	test('sends typed values, a custom size from its parts, and leaves out what is empty', () => {
		const plan = planFromFields(flux, {
			prompt: 'a fox',
			image_size: 'custom',
			image_size_width: '640',
			image_size_height: 480,
			num_inference_steps: '20',
			seed: '',
			output_format: 'png',
		});
		expect(plan).toEqual({
			body: {
				prompt: 'a fox',
				image_size: { width: 640, height: 480 },
				num_inference_steps: 20,
				output_format: 'png',
			},
			binaryFiles: [],
		});
	});

	test('file inputs: URLs as they are, anything else a binary field to upload; lists of both', () => {
		const plan = planFromFields(edit, {
			prompt: 'p',
			image_urls: 'data, https://example.com/b.png, second',
			cover: 'cover',
		});
		expect(plan.body).toEqual({
			prompt: 'p',
			image_urls: ['', 'https://example.com/b.png', ''],
			cover: '',
		});
		expect(plan.binaryFiles).toEqual([
			{
				bodyPath: 'image_urls.0',
				label: 'Image URLs (image_urls) entry 1',
				property: 'data',
				imageOnly: true,
			},
			{
				bodyPath: 'image_urls.2',
				label: 'Image URLs (image_urls) entry 3',
				property: 'second',
				imageOnly: true,
			},
			{ bodyPath: 'cover', label: 'Cover (cover)', property: 'cover', imageOnly: false },
		]);
		expect(
			planFromFields(edit, { prompt: 'p', image_urls: '["a", "b"]' }).binaryFiles.map(
				(file) => file.property,
			),
		).toEqual(['a', 'b']);
	});

	test.each([
		[{ image_urls: 'data' }, 'Prompt (prompt): is required; fill it in'],
		[
			{ prompt: 'x'.repeat(51), image_urls: 'data' },
			'Prompt (prompt): must be at most 50 characters, got 51',
		],
		[
			{ prompt: 'p', image_urls: 'data', num_images: 3 },
			'Number of Images (num_images): must be one of 1, 2, 4; got 3',
		],
		[
			{ prompt: 'p', image_urls: 'data', strength: 1 },
			'Strength (strength): must be less than 1, got 1',
		],
		[
			{ prompt: 'p', image_urls: 'a b' },
			'Image URLs (image_urls) entry 1: "a b" is neither a URL nor the name of a binary field',
		],
		[
			{ prompt: 'p', image_urls: 'data', loras: '[{"scale": 2}]' },
			'LoRAs (loras) entry 1: Path is required',
		],
		[
			{ prompt: 'p', image_urls: 'data', retired: 'x' },
			'retired: is not an input of fal-ai/nano-banana/edit now; its schema changed since the fields were set: open the node and refresh them',
		],
	])('refuses %j before anything is sent', (values, message) => {
		expect(() => planFromFields(edit, values)).toThrow(message);
	});
});
