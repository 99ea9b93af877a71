/**
 * The node's curated endpoint data (nodes/Fal/models/*.json, written from
 * fal's docs pages) turned into the OpenAPI document fal serves for the same
 * endpoint, in fal's conventions: pydantic titles, nullable optionals without
 * a default (`seed`), the `image_size` union, lists of component objects, the
 * curated field order as `x-fal-order-properties`.
 */
import type { CuratedEndpoint, CuratedFile, FalFieldSchema } from '../../../nodes/Fal/schema/types';
import {
	IMAGE_OUTPUT_FIELDS,
	IMAGE_SCHEMA,
	imageSizeProperty,
	nullable,
	objectSchema,
	ref,
	titleOf,
} from './components';
import { buildOpenApiDocument, schemaBaseName } from './document';
import type { JsonSchema, OpenApiDocument } from './types';

function bounds(field: FalFieldSchema): JsonSchema {
	return {
		...(field.minimum !== undefined ? { minimum: field.minimum } : {}),
		...(field.maximum !== undefined ? { maximum: field.maximum } : {}),
		...(field.exclusiveMinimum !== undefined ? { exclusiveMinimum: field.exclusiveMinimum } : {}),
		...(field.exclusiveMaximum !== undefined ? { exclusiveMaximum: field.exclusiveMaximum } : {}),
	};
}

/** The value's own schema, without title, description or default. */
function typeSchema(field: FalFieldSchema): JsonSchema {
	switch (field.type) {
		case 'string':
			if (field.enum) return { enum: field.enum, type: 'string' };
			return field.maxLength !== undefined
				? { maxLength: field.maxLength, type: 'string' }
				: { type: 'string' };
		case 'integer':
			return field.enum
				? { enum: field.enum, type: 'integer' }
				: { ...bounds(field), type: 'integer' };
		case 'float':
			return { ...bounds(field), type: 'number' };
		case 'boolean':
			return { type: 'boolean' };
		case 'file': {
			// fal's file inputs are URL strings; the hint says which kind of file.
			const kind = field.fileKind ?? 'image';
			return field.multiple
				? { type: 'array', items: { type: 'string', _fal_ui_field: kind } }
				: { type: 'string', ui: { field: kind } };
		}
		case 'list':
			return {
				type: 'array',
				items: field.items === 'string' || !field.items ? { type: 'string' } : ref(field.items),
			};
		case 'image_size':
			return imageSizeProperty(field.description, undefined, field.enum);
		case 'json':
			return field.jsonType ? { type: field.jsonType } : {};
	}
}

function propertyOf(field: FalFieldSchema): JsonSchema {
	const annotations: JsonSchema = {
		title: field.title ?? titleOf(field.name),
		description: field.description,
		...(field.default !== undefined ? { default: field.default } : {}),
	};
	if (field.type === 'image_size') {
		return {
			...imageSizeProperty(field.description, field.default as string | undefined, field.enum),
			...annotations,
		};
	}
	const schema = typeSchema(field);
	// An optional value without a default is `Optional[X] = None` at fal: nullable, its bounds inside.
	if (!field.required && field.default === undefined && field.type !== 'list')
		return { ...nullable(schema), ...annotations };
	return { ...schema, ...annotations };
}

/** An object schema of curated fields, in their order. */
export function curatedObject(title: string, fields: FalFieldSchema[]): JsonSchema {
	return objectSchema(
		title,
		Object.fromEntries(fields.map((field) => [field.name, propertyOf(field)])),
		fields.filter((field) => field.required).map((field) => field.name),
	);
}

/** The output the emulator's image model returns, restricted to the endpoint's curated `output` list. */
function curatedOutput(endpoint: CuratedEndpoint): JsonSchema {
	const names = endpoint.output.filter((name) => IMAGE_OUTPUT_FIELDS[name]);
	return objectSchema(
		'Output',
		Object.fromEntries(names.map((name) => [name, IMAGE_OUTPUT_FIELDS[name]])),
		names,
	);
}

/** The document of a curated endpoint: its input and output schemas and the types they refer to. */
export function curatedDocument(
	model: CuratedFile,
	endpoint: CuratedEndpoint,
	category: string,
): OpenApiDocument {
	const base = schemaBaseName(endpoint.endpointId);
	// Component names are per endpoint; titles are pydantic's class names, shared across endpoints.
	const title = `${schemaBaseName(`owner/${endpoint.endpointId.split('/').pop()}`)}Input`;
	const referenced = new Set(
		endpoint.input
			.filter((field) => field.type === 'list' && field.items && field.items !== 'string')
			.map((field) => field.items!),
	);
	if (endpoint.input.some((field) => field.type === 'image_size')) referenced.add('ImageSize');
	const components: Record<string, JsonSchema> = { Image: IMAGE_SCHEMA };
	for (const name of referenced) components[name] = curatedObject(name, model.types[name] ?? []);
	return buildOpenApiDocument({
		endpointId: endpoint.endpointId,
		category,
		input: { name: `${base}Input`, schema: curatedObject(title, endpoint.input) },
		output: { name: `${base}Output`, schema: curatedOutput(endpoint) },
		components,
	});
}
