import type { EndpointFields, FalDefault, FalFieldSchema, FileKind } from '../models/types';

/**
 * The one conversion from an endpoint's OpenAPI document (as fal serves it,
 * fal-platform.md) to the node's field model: the input schema the
 * submission path takes, followed through `$ref`s, its fields in the order of
 * `x-fal-order-properties`, API-only fields (`ui.hidden`) left out, nullable
 * unions unwrapped, fal's two kinds of preset union kept as one field each
 * (a preset or an object: `image_size`; a preset or any value: `aspect_ratio`),
 * file inputs recognised by their UI hints and names.
 */

/** The part of JSON Schema fal's documents use. */
export interface JsonSchema {
	$ref?: string;
	type?: string;
	title?: string;
	description?: string;
	default?: FalDefault;
	enum?: Array<string | number>;
	const?: string | number | boolean;
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number | boolean;
	exclusiveMaximum?: number | boolean;
	maxLength?: number;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	anyOf?: JsonSchema[];
	allOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	nullable?: boolean;
	ui?: { field?: string; hidden?: boolean };
	_fal_ui_field?: string;
	'x-fal-order-properties'?: string[];
}

interface OpenApiOperation {
	requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
	responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
	info?: { title?: string; 'x-fal-metadata'?: { documentationUrl?: string; endpointId?: string } };
	paths?: Record<string, Record<string, OpenApiOperation>>;
	components?: { schemas?: Record<string, JsonSchema> };
}

/** The endpoint's input fields, or an Error saying what the document lacks. */
export function fieldsFromOpenApi(endpointId: string, document: OpenApiDocument): EndpointFields {
	const docsUrl =
		document.info?.['x-fal-metadata']?.documentationUrl ??
		`https://fal.ai/models/${endpointId}/api`;
	return fieldsFromSchema(
		endpointId,
		inputSchemaOf(endpointId, document),
		document.components?.schemas ?? {},
		docsUrl,
	);
}

/**
 * Fields of an input schema whose `$ref`s point into `definitions`: an
 * OpenAPI document's components, or a fal workflow's own JSON Schema (its
 * `$defs`/`definitions`).
 */
export function fieldsFromSchema(
	id: string,
	schema: JsonSchema,
	definitions: Record<string, JsonSchema>,
	docsUrl: string,
): EndpointFields {
	const resolver = new Resolver({ components: { schemas: definitions } });
	const input = resolver.resolve(schema);
	const types: Record<string, FalFieldSchema[]> = {};
	const fields = objectFields(input, resolver, types);
	return {
		endpointId: id,
		title: input.title && input.title !== 'BaseInput' && input.title !== 'Input' ? input.title : id,
		docsUrl,
		input: fields,
		types,
	};
}

/** The endpoint's output fields: the schema of its result route's 200 answer; none when the document has none. */
export function outputFieldsOfOpenApi(document: OpenApiDocument): FalFieldSchema[] {
	const result = Object.entries(document.paths ?? {}).find(
		([path, operations]) => /\/requests\/\{[^}]+\}$/.test(path) && operations.get,
	);
	const schema = result?.[1].get?.responses?.['200']?.content?.['application/json']?.schema;
	if (!schema) return [];
	return fieldsFromSchema('output', schema, document.components?.schemas ?? {}, '').input;
}

/** The schema of the submission's body: the POST on the endpoint's own path (or the only POST there is). */
function inputSchemaOf(endpointId: string, document: OpenApiDocument): JsonSchema {
	const paths = document.paths ?? {};
	const posts = Object.entries(paths).filter(
		([path, operations]) => operations.post && !path.includes('/requests/'),
	);
	const [, operations] =
		posts.find(([path]) => path.replace(/^\//, '') === endpointId) ??
		(posts.length === 1 ? posts[0] : []);
	const schema = operations?.post.requestBody?.content?.['application/json']?.schema;
	if (!schema)
		throw new Error(
			`the OpenAPI document of ${endpointId} has no input schema (no POST /${endpointId} with a JSON body)`,
		);
	return schema;
}

class Resolver {
	constructor(private readonly document: Pick<OpenApiDocument, 'components'>) {}

	/** A `$ref`'s target (followed as far as it goes), or the schema itself. */
	resolve(schema: JsonSchema, seen = new Set<string>()): JsonSchema {
		if (!schema.$ref) return schema;
		if (seen.has(schema.$ref)) throw new Error(`circular $ref ${schema.$ref}`);
		seen.add(schema.$ref);
		const target = this.document.components?.schemas?.[this.refName(schema)!];
		if (!target) throw new Error(`the document has no ${schema.$ref}`);
		// The referring schema's own keywords (title, description, default) win over the target's.
		const own: JsonSchema = { ...schema };
		delete own.$ref;
		return this.resolve({ ...target, ...own, $ref: target.$ref }, seen);
	}

	/** The name a `$ref` points at: OpenAPI's components, or JSON Schema's `$defs`/`definitions`. */
	refName(schema: JsonSchema): string | undefined {
		return schema.$ref?.replace(/^#\/(?:components\/schemas|\$defs|definitions)\//, '');
	}
}

/** An object schema's fields in fal's display order, API-only ones left out. */
function objectFields(
	schema: JsonSchema,
	resolver: Resolver,
	types: Record<string, FalFieldSchema[]>,
): FalFieldSchema[] {
	const properties = schema.properties ?? {};
	const order = schema['x-fal-order-properties'] ?? [];
	const names = [
		...order.filter((name) => name in properties),
		...Object.keys(properties).filter((name) => !order.includes(name)),
	];
	const required = new Set(schema.required ?? []);
	return names.flatMap((name) => {
		const property = properties[name];
		if (property.ui?.hidden) return [];
		return [fieldOf(name, property, required.has(name), resolver, types)];
	});
}

const FILE_KINDS: readonly FileKind[] = ['image', 'video', 'audio', 'file'];

function fieldOf(
	name: string,
	raw: JsonSchema,
	required: boolean,
	resolver: Resolver,
	types: Record<string, FalFieldSchema[]>,
): FalFieldSchema {
	const { schema, refName } = unwrap(raw, resolver);
	const common: FalFieldSchema = {
		name,
		type: 'json',
		description: (raw.description ?? schema.description ?? '').trim(),
		...((raw.title ?? schema.title) ? { title: raw.title ?? schema.title } : {}),
		...(required ? { required: true } : {}),
		...(raw.default !== undefined
			? { default: raw.default }
			: schema.default !== undefined
				? { default: schema.default }
				: {}),
	};
	const fileKind = fileKindOf(name, raw, schema, resolver);
	const presetUnion = presetOrObject(name, raw, resolver);
	if (presetUnion) {
		types[presetUnion.typeName] ??= objectFields(presetUnion.object, resolver, types);
		return {
			...common,
			type: 'image_size',
			enum: presetUnion.presets,
			items: presetUnion.typeName,
		};
	}
	const openPresets = presetOrAny(raw, resolver);
	if (openPresets) return { ...common, ...openPresets };
	if (schema.type === 'array') {
		const items = resolver.resolve(schema.items ?? {});
		const itemsKind = fileKindOf(name.replace(/s$/, ''), schema.items ?? {}, items, resolver);
		if (itemsKind && (items.type === 'string' || isFileObject(items)))
			return { ...common, type: 'file', fileKind: itemsKind, multiple: true };
		if (items.type === 'string') return { ...common, type: 'list', items: 'string' };
		const itemRef = resolver.refName(schema.items ?? {});
		if (itemRef && items.type === 'object' && items.properties) {
			types[itemRef] ??= objectFields(items, resolver, types);
			return { ...common, type: 'list', items: itemRef };
		}
		return { ...common, jsonType: 'array' };
	}
	if (fileKind) return { ...common, type: 'file', fileKind };
	switch (schema.type) {
		case 'string':
			return {
				...common,
				type: 'string',
				...(schema.enum ? { enum: schema.enum } : {}),
				...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
			};
		case 'integer':
		case 'number':
			return {
				...common,
				type: schema.type === 'integer' ? 'integer' : 'float',
				...(schema.enum ? { enum: schema.enum } : {}),
				...bounds(schema),
			};
		case 'boolean':
			return { ...common, type: 'boolean' };
		default:
			// Objects, unions of several shapes, anything untyped: JSON, checked by fal.
			return { ...common, ...(schema.type === 'object' || refName ? { jsonType: 'object' } : {}) };
	}
}

/** The schema under a nullable union (`anyOf: [X, {type: null}]`) or a one-member `allOf`, resolved. */
function unwrap(raw: JsonSchema, resolver: Resolver): { schema: JsonSchema; refName?: string } {
	let schema = raw;
	const union = raw.anyOf ?? raw.oneOf;
	if (union) {
		const members = union.filter((member) => member.type !== 'null');
		if (members.length === 1)
			schema = { ...members[0], default: raw.default ?? members[0].default };
	} else if (raw.allOf?.length === 1) {
		schema = { ...raw.allOf[0], default: raw.default };
	}
	const refName = resolver.refName(schema);
	return { schema: resolver.resolve(schema), refName };
}

/** A union's members other than `{type: "null"}`, resolved. */
function nonNullMembers(
	raw: JsonSchema,
	resolver: Resolver,
): Array<{ member: JsonSchema; schema: JsonSchema }> {
	return (raw.anyOf ?? raw.oneOf ?? [])
		.filter((member) => member.type !== 'null')
		.map((member) => ({ member, schema: resolver.resolve(member) }));
}

/** The fixed values a union member allows (`enum`, or `const`), if it allows only those. */
function fixedValues(schema: JsonSchema): Array<string | number> | undefined {
	if (schema.enum) return schema.enum;
	return typeof schema.const === 'string' || typeof schema.const === 'number'
		? [schema.const]
		: undefined;
}

/**
 * `anyOf: [{$ref: ImageSize}, {enum: [...], type: string}]` (nullable or not):
 * a preset, or an object of that type. An object written in place is named
 * after its title, else after the field.
 */
function presetOrObject(
	name: string,
	raw: JsonSchema,
	resolver: Resolver,
): { presets: string[]; typeName: string; object: JsonSchema } | undefined {
	const members = nonNullMembers(raw, resolver);
	if (members.length !== 2) return undefined;
	const presets = members.find(({ schema }) => schema.type === 'string' && schema.enum);
	const object = members.find(
		(entry) => entry !== presets && entry.schema.type === 'object' && entry.schema.properties,
	);
	if (!presets || !object) return undefined;
	const typeName =
		resolver.refName(object.member) ?? object.schema.title?.replace(/\W/g, '') ?? `${name}_object`;
	return { presets: (presets.schema.enum ?? []).map(String), typeName, object: object.schema };
}

/**
 * `anyOf: [{enum: ["21:9", "16:9", ...]}, {type: string}]` or `anyOf:
 * [{type: integer}, {const: "auto"}]`: one value of a plain type, the fixed
 * ones offered as presets.
 */
function presetOrAny(
	raw: JsonSchema,
	resolver: Resolver,
):
	| Pick<
			FalFieldSchema,
			| 'type'
			| 'presets'
			| 'minimum'
			| 'maximum'
			| 'exclusiveMinimum'
			| 'exclusiveMaximum'
			| 'maxLength'
	  >
	| undefined {
	const members = nonNullMembers(raw, resolver);
	const free = members.filter(({ schema }) => !fixedValues(schema));
	const fixed = members.flatMap(({ schema }) => fixedValues(schema) ?? []);
	if (free.length !== 1 || fixed.length === 0) return undefined;
	const [{ schema }] = free;
	const presets = [...new Set(fixed)];
	if (schema.type === 'string')
		return {
			type: 'string',
			presets,
			...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
		};
	if (schema.type === 'integer' || schema.type === 'number')
		return { type: schema.type === 'integer' ? 'integer' : 'float', presets, ...bounds(schema) };
	return undefined;
}

/**
 * Whether (and what kind of) a file a field takes: fal's UI hint (`ui.field`,
 * `_fal_ui_field`), an old-style File object, or a URL field's name.
 */
function fileKindOf(
	name: string,
	raw: JsonSchema,
	schema: JsonSchema,
	resolver: Resolver,
): FileKind | undefined {
	const hint = raw.ui?.field ?? raw._fal_ui_field ?? schema.ui?.field ?? schema._fal_ui_field;
	if (hint && (FILE_KINDS as readonly string[]).includes(hint)) return hint as FileKind;
	const isUrlString = schema.type === 'string' && !schema.enum && /_urls?$/.test(name);
	if (!isUrlString && !isFileObject(resolver.resolve(schema))) return undefined;
	if (/image|mask|control|reference|photo|face|style/.test(name)) return 'image';
	if (/video/.test(name)) return 'video';
	if (/audio|speech|voice|music|sound/.test(name)) return 'audio';
	return 'file';
}

/** fal's File object (`{url, content_type, file_name, ...}`), which older schemas take as a file input. */
function isFileObject(schema: JsonSchema): boolean {
	return (
		schema.type === 'object' &&
		Boolean(schema.properties?.url) &&
		Boolean(schema.properties?.content_type ?? schema.properties?.file_name)
	);
}

function bounds(schema: JsonSchema): Partial<FalFieldSchema> {
	const out: Partial<FalFieldSchema> = {};
	if (schema.minimum !== undefined) out.minimum = schema.minimum;
	if (schema.maximum !== undefined) out.maximum = schema.maximum;
	// OpenAPI 3.0's boolean form qualifies minimum/maximum; 3.1's numeric form stands alone.
	if (typeof schema.exclusiveMinimum === 'number') out.exclusiveMinimum = schema.exclusiveMinimum;
	else if (schema.exclusiveMinimum === true && schema.minimum !== undefined)
		[out.exclusiveMinimum, out.minimum] = [schema.minimum, undefined];
	if (typeof schema.exclusiveMaximum === 'number') out.exclusiveMaximum = schema.exclusiveMaximum;
	else if (schema.exclusiveMaximum === true && schema.maximum !== undefined)
		[out.exclusiveMaximum, out.maximum] = [schema.maximum, undefined];
	return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined));
}
