/**
 * The one conversion from an endpoint's OpenAPI document to the node's field
 * model, and the resource-mapper fields it gives, on documents written the
 * way fal writes them (openApiDocuments.ts).
 */
import { mapperFields } from '../../nodes/Fal/fields/mapperFields';
import { fieldsFromOpenApi } from '../../nodes/Fal/schema/openApi';
import { EDIT, FLUX } from './openApiDocuments';

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
