/**
 * Reading an endpoint's OpenAPI document the way a client must: schema names
 * differ per model, so everything is found by following `$ref`s from the
 * paths, never by guessing a name.
 */
import type { FalUiHints, JsonSchema, OpenApiDocument } from './types';

const REF_PREFIX = '#/components/schemas/';

/** The schema a `$ref` points at (followed until there is none). */
export function resolve(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
	let current = schema;
	for (let depth = 0; current.$ref && depth < 32; depth++) {
		const name = current.$ref.startsWith(REF_PREFIX)
			? current.$ref.slice(REF_PREFIX.length)
			: undefined;
		const target = name === undefined ? undefined : document.components.schemas[name];
		if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
		current = target;
	}
	return current;
}

function endpointIdOf(document: OpenApiDocument): string {
	return document.info['x-fal-metadata'].endpointId;
}

/** The submit path's request body: the endpoint's input schema. */
export function inputSchemaOf(document: OpenApiDocument): JsonSchema {
	const schema =
		document.paths[`/${endpointIdOf(document)}`]?.post?.requestBody?.content['application/json']
			.schema;
	if (!schema) throw new Error(`${endpointIdOf(document)}: the document has no submit path`);
	return resolve(document, schema);
}

/** The result path's 200 body: the endpoint's output schema. */
export function outputSchemaOf(document: OpenApiDocument): JsonSchema {
	const schema =
		document.paths[`/${endpointIdOf(document)}/requests/{request_id}`]?.get?.responses['200']
			?.content['application/json'].schema;
	if (!schema) throw new Error(`${endpointIdOf(document)}: the document has no result path`);
	return resolve(document, schema);
}

/** An object's property names in fal's order: `x-fal-order-properties`, then any others as declared. */
export function propertyOrder(schema: JsonSchema): string[] {
	const names = [
		...(schema['x-fal-order-properties'] ?? []),
		...Object.keys(schema.properties ?? {}),
		...(schema.required ?? []),
	];
	return [...new Set(names)];
}

function isNullSchema(schema: JsonSchema): boolean {
	return schema.type === 'null';
}

/** The branches of an `anyOf` other than `{type: "null"}`, or the schema itself. */
export function nonNullBranches(schema: JsonSchema): JsonSchema[] {
	return schema.anyOf ? schema.anyOf.filter((branch) => !isNullSchema(branch)) : [schema];
}

/** Whether null is a valid value: a nullable `anyOf` (pydantic's `Optional[X]`). */
export function isNullable(schema: JsonSchema): boolean {
	return Boolean(schema.anyOf?.some(isNullSchema)) || isNullSchema(schema);
}

/** A property's default, as the input schema declares it. */
export function defaultOf(document: OpenApiDocument, name: string): unknown {
	return inputSchemaOf(document).properties?.[name]?.default;
}

/** A media object schema (`File`, `Image`, ...): it has a string `url` and a `content_type`. */
export function isFileObject(document: OpenApiDocument, schema: JsonSchema): boolean {
	const resolved = resolve(document, schema);
	return (
		resolved.type === 'object' &&
		resolved.properties?.url !== undefined &&
		resolved.properties?.content_type !== undefined
	);
}

/** A file input: one URL, or a list of them; `hint` is what fal's UI hints (or the name) say the file is. */
export interface FileField {
	name: string;
	list: boolean;
	/** An old-style `allOf: [{$ref: File}]` input, which may also be given as a `{url}` object. */
	fileObject: boolean;
	hint?: FalUiHints['field'];
	/** An image is needed (PNG or JPEG here): hinted so, or unhinted with a name that says so. */
	needsImage: boolean;
}

function hintOf(schema: JsonSchema | undefined): FalUiHints['field'] {
	return schema?.ui?.field ?? schema?._fal_ui_field;
}

/**
 * Whether a top-level input property is a file, as fal marks them: strings
 * named `*_url` or hinted by `ui.field` / `_fal_ui_field`, arrays of such
 * strings (`*_urls`, or hinted items), and old-style `allOf` File objects.
 */
function fileFieldOf(
	document: OpenApiDocument,
	name: string,
	property: JsonSchema,
): FileField | undefined {
	const [schema] = nonNullBranches(property);
	if (!schema) return undefined;
	const make = (list: boolean, fileObject: boolean, hint: FalUiHints['field']): FileField => ({
		name,
		list,
		fileObject,
		hint,
		needsImage: hint === 'image' || (hint === undefined && /image|mask/.test(name)),
	});
	if (schema.allOf?.length === 1 && isFileObject(document, schema.allOf[0]))
		return make(false, true, hintOf(property) ?? hintOf(schema));
	const resolved = resolve(document, schema);
	if (resolved.type === 'string') {
		const hint = hintOf(property) ?? hintOf(resolved);
		return hint || name.endsWith('_url') ? make(false, false, hint) : undefined;
	}
	if (resolved.type === 'array' && resolved.items) {
		const items = resolve(document, resolved.items);
		if (items.type !== 'string') return undefined;
		const hint = hintOf(items) ?? hintOf(property) ?? hintOf(resolved);
		return hint || name.endsWith('_urls') ? make(true, false, hint) : undefined;
	}
	return undefined;
}

/** Every file input of an endpoint, in fal's order. */
export function fileFieldsOf(document: OpenApiDocument): FileField[] {
	const input = inputSchemaOf(document);
	return propertyOrder(input).flatMap((name) => {
		const property = input.properties?.[name];
		const field = property && fileFieldOf(document, name, property);
		return field ? [field] : [];
	});
}
