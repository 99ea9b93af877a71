/**
 * fal's own OpenAPI documents (test/fixtures/fal-openapi/, real documents
 * found in public material) through the one conversion to the node's fields:
 * every input property gets a field of its kind, each union shape a
 * deliberate one, and whatever the editor pre-fills passes n8n's own check of
 * the field (the check that refuses a workflow before any node runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INode, NodeHelpers, type ResourceMapperField, validateFieldType } from 'n8n-workflow';
import { planFromFields } from '../../nodes/Fal/request/mapperBody';
import { mapperFields } from '../../nodes/Fal/fields/mapperFields';
import { fieldsFromOpenApi, type OpenApiDocument } from '../../nodes/Fal/schema/openApi';
import { editorParameters } from '../helpers/anyEndpoint';
import { falNodeType } from '../n8n/falNode';

const FIXTURES = join(__dirname, '../fixtures/fal-openapi');

const DOCUMENTS: Array<[string, OpenApiDocument]> = readdirSync(FIXTURES)
	.filter((name) => name.endsWith('.json'))
	.map((name) => [
		name
			.replace(/\.json$/, '')
			.split('__')
			.join('/'),
		JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as OpenApiDocument,
	]);

const documentOf = (endpointId: string) => DOCUMENTS.find(([id]) => id === endpointId)![1];
const fieldsOf = (endpointId: string) =>
	mapperFields(fieldsFromOpenApi(endpointId, documentOf(endpointId)));
const byId = (fields: ResourceMapperField[]) =>
	Object.fromEntries(fields.map((field) => [field.id, field]));

/** The five endpoints of the defect (issue 27): preset-or-object, preset-or-free-string, list defaults. */
const DEFECT_ENDPOINTS = [
	'fal-ai/bytedance/seedream/v4/text-to-image',
	'fal-ai/flux-pro/v1.1-ultra',
	'fal-ai/flux-lora',
	'fal-ai/stable-diffusion-v35-large',
	'fal-ai/recraft-v3',
];

/** The node as n8n holds it: version 2, Any fal Endpoint, the Fields as the editor saves them, every other parameter at its default. */
function editorNode(endpointId: string, set: Record<string, unknown>): INode {
	const node: INode = {
		id: 'fal',
		name: 'fal.ai',
		type: 'n8n-nodes-fal-ai.fal',
		typeVersion: 2,
		position: [0, 0],
		parameters: editorParameters(endpointId, fieldsOf(endpointId), set),
	};
	const { properties } = falNodeType.description;
	return {
		...node,
		parameters: NodeHelpers.getNodeParameters(
			properties,
			node.parameters,
			true,
			false,
			node,
			falNodeType.description,
		)!,
	};
}

test('there are at least the five documents of the defect, and every file is a whole queue document', () => {
	expect(DOCUMENTS.map(([id]) => id)).toEqual(expect.arrayContaining(DEFECT_ENDPOINTS));
	for (const [endpointId, document] of DOCUMENTS) {
		expect(document.info?.title).toBe(`Queue OpenAPI for ${endpointId}`);
		expect(Object.keys(document.paths ?? {})).toEqual(
			expect.arrayContaining([`/${endpointId}`, `/${endpointId}/requests/{request_id}`]),
		);
	}
});

describe.each(DOCUMENTS.map(([endpointId]) => endpointId))('%s', (endpointId) => {
	test('every default the editor pre-fills is valid for its field, as n8n checks it', () => {
		for (const field of fieldsOf(endpointId)) {
			if (field.defaultValue === undefined) continue;
			const check = validateFieldType(field.id, field.defaultValue, field.type ?? 'string', {
				valueOptions: field.options,
			});
			expect({
				field: field.id,
				valid: check.valid,
				problem: check.valid ? undefined : check.errorMessage,
			}).toEqual({ field: field.id, valid: true, problem: undefined });
		}
	});

	test("the freshly chosen endpoint, its required fields filled in, passes n8n's parameter check", () => {
		const required = Object.fromEntries(
			fieldsOf(endpointId)
				.filter((field) => field.required)
				.map((field) => [field.id, field.type === 'number' ? 1 : 'https://example.com/a.png']),
		);
		const node = editorNode(endpointId, {
			...required,
			...(required.prompt ? { prompt: 'a red fox' } : {}),
		});
		expect(
			NodeHelpers.displayParameter(
				node.parameters,
				falNodeType.description.properties.find((property) => property.name === 'inputFields')!,
				node,
				falNodeType.description,
			),
		).toBe(true);
		const issues = NodeHelpers.getNodeParametersIssues(
			falNodeType.description.properties,
			node,
			falNodeType.description,
		);
		expect(issues).toBeNull();
	});

	test('what the editor pre-fills plans a request without object or list defaults', () => {
		const fields = fieldsOf(endpointId);
		const schema = fieldsFromOpenApi(endpointId, documentOf(endpointId));
		const prefilled = Object.fromEntries(
			fields
				.filter((field) => !field.removed && field.defaultValue !== undefined)
				.map((field) => [field.id, field.defaultValue]),
		);
		const required = Object.fromEntries(
			schema.input
				.filter((field) => field.required)
				.map((field) => [
					field.name,
					field.type === 'file'
						? 'https://example.com/a.png'
						: field.type === 'integer' || field.type === 'float'
							? 1
							: 'text',
				]),
		);
		const { body } = planFromFields(schema, { ...prefilled, ...required });
		for (const [name, value] of Object.entries(body)) {
			const field = schema.input.find((candidate) => candidate.name === name)!;
			if (!field.required)
				expect({ name, sent: typeof value }).toEqual({
					name,
					sent: expect.stringMatching(/^(string|number|boolean)$/),
				});
		}
	});
});

describe('the union shapes of the real documents each get a field of their own', () => {
	test("preset or object, fal default an object (Seedream image_size): the presets and Custom, on Custom, its parts holding fal's size", () => {
		const fields = byId(fieldsOf('fal-ai/bytedance/seedream/v4/text-to-image'));
		expect(fields.image_size).toMatchObject({ type: 'options', defaultValue: 'custom' });
		expect(fields.image_size.options?.map((option) => option.value)).toEqual([
			'square_hd',
			'square',
			'portrait_4_3',
			'portrait_16_9',
			'landscape_4_3',
			'landscape_16_9',
			'auto',
			'auto_2K',
			'auto_4K',
			'custom',
		]);
		expect(fields.image_size.displayName).toContain('default custom: height 2048, width 2048');
		expect(fields.image_size_width).toMatchObject({
			type: 'number',
			defaultValue: 2048,
			removed: true,
		});
		expect(fields.image_size_height).toMatchObject({
			type: 'number',
			defaultValue: 2048,
			removed: true,
		});
	});

	test('preset or object, a preset default (FLUX LoRA), and nullable without default (Ideogram v3, SD 3.5)', () => {
		expect(byId(fieldsOf('fal-ai/flux-lora')).image_size).toMatchObject({
			type: 'options',
			defaultValue: 'landscape_4_3',
		});
		expect(byId(fieldsOf('fal-ai/ideogram/v3')).image_size).toMatchObject({
			type: 'options',
			defaultValue: 'square_hd',
		});
		const sd = byId(fieldsOf('fal-ai/stable-diffusion-v35-large')).image_size;
		expect(sd.type).toBe('options');
		expect(sd.defaultValue).toBeUndefined();
	});

	test("preset or any text (FLUX1.1 ultra aspect_ratio): text, the presets named, fal's default pre-filled", () => {
		const field = byId(fieldsOf('fal-ai/flux-pro/v1.1-ultra')).aspect_ratio;
		expect(field).toMatchObject({ type: 'string', defaultValue: '16:9' });
		expect(field.options).toBeUndefined();
		expect(field.displayName).toBe(
			'Aspect Ratio (21:9, 16:9, 4:3, 3:2, 1:1, 2:3, 3:4, 9:16, 9:21 or any text, default 16:9)',
		);
	});

	test('a number or a word (Sonauto bpm: integer or "auto"): text, and the body carries a number or the word', () => {
		const schema = fieldsFromOpenApi(
			'sonauto/v2/text-to-music',
			documentOf('sonauto/v2/text-to-music'),
		);
		expect(byId(mapperFields(schema)).bpm).toMatchObject({ type: 'string', defaultValue: 'auto' });
		expect(planFromFields(schema, { prompt: 'x', bpm: '120' }).body.bpm).toBe(120);
		expect(planFromFields(schema, { prompt: 'x', bpm: 'auto' }).body.bpm).toBe('auto');
		expect(() => planFromFields(schema, { prompt: 'x', bpm: 'fast' })).toThrow(
			'Bpm (bpm): must be a number or one of auto, got string "fast"',
		);
	});

	test('lists of objects and nullable objects (loras, colors, color_palette, controlnet): JSON, nothing pre-filled', () => {
		expect(byId(fieldsOf('fal-ai/flux-lora')).loras).toMatchObject({ type: 'array' });
		expect(byId(fieldsOf('fal-ai/recraft-v3')).colors).toMatchObject({ type: 'array' });
		expect(byId(fieldsOf('fal-ai/ideogram/v3')).color_palette).toMatchObject({ type: 'object' });
		expect(byId(fieldsOf('fal-ai/stable-diffusion-v35-large')).controlnet).toMatchObject({
			type: 'object',
		});
		for (const field of [
			byId(fieldsOf('fal-ai/flux-lora')).loras,
			byId(fieldsOf('fal-ai/recraft-v3')).colors,
		])
			expect(field.defaultValue).toBeUndefined();
	});

	test('nullable lists of text and nullable enums (Ideogram v3 style_codes, style; Sonauto tags, output_bit_rate)', () => {
		const ideogram = byId(fieldsOf('fal-ai/ideogram/v3'));
		expect(ideogram.style_codes).toMatchObject({
			type: 'string',
			displayName: expect.stringContaining('comma-separated'),
		});
		expect(ideogram.style).toMatchObject({ type: 'options' });
		expect(ideogram.image_urls).toMatchObject({
			type: 'string',
			displayName: expect.stringContaining('URLs or binary fields'),
		});
		expect(byId(fieldsOf('sonauto/v2/text-to-music')).output_bit_rate).toMatchObject({
			type: 'options',
		});
	});
});

describe('what reaches fal from a preset-or-object field', () => {
	const schema = () =>
		fieldsFromOpenApi(
			'fal-ai/bytedance/seedream/v4/text-to-image',
			documentOf('fal-ai/bytedance/seedream/v4/text-to-image'),
		);

	test('Custom as pre-filled, no part added: nothing (fal applies its own 2048 × 2048)', () => {
		expect(
			planFromFields(schema(), {
				prompt: 'x',
				image_size: 'custom',
				image_size_width: null,
				image_size_height: null,
			}).body,
		).toEqual({ prompt: 'x' });
	});

	test("Custom with a part set: the object, the other part fal's", () => {
		expect(
			planFromFields(schema(), { prompt: 'x', image_size: 'custom', image_size_width: 3072 }).body
				.image_size,
		).toEqual({ width: 3072, height: 2048 });
	});

	test('a preset: the preset string', () => {
		expect(planFromFields(schema(), { prompt: 'x', image_size: 'auto_2K' }).body.image_size).toBe(
			'auto_2K',
		);
	});
});
