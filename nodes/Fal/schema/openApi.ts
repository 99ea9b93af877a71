import { type JsonSchema, Resolver } from './jsonSchema';
import { objectFields } from './properties';
import type { EndpointFields, FalFieldSchema } from './types';

export type { JsonSchema } from './jsonSchema';

/**
 * The one conversion from an endpoint's OpenAPI document (as fal serves it,
 * fal-platform.md) to the node's field model: the input schema the
 * submission path takes, followed through `$ref`s, its fields in the order of
 * `x-fal-order-properties`, API-only fields (`ui.hidden`) left out, nullable
 * unions unwrapped, fal's two kinds of preset union kept as one field each
 * (a preset or an object: `image_size`; a preset or any value: `aspect_ratio`),
 * file inputs recognised by their UI hints and names.
 */

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
