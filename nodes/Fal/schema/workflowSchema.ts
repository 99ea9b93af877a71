import { fieldsFromSchema } from './openApi';
import type { JsonSchema } from './jsonSchema';
import type { EndpointFields, FalFieldSchema } from './types';

/**
 * A fal workflow's input (and output) schema, its details' `contents.schema`,
 * in the node's field model: the same conversion as an endpoint's OpenAPI
 * schema, its `$ref`s into the schema's own `$defs`/`definitions`.
 */

/** A workflow's JSON Schema as fal gives it: an object schema, with its definitions beside. */
type WorkflowJsonSchema = JsonSchema & {
	$defs?: Record<string, JsonSchema>;
	definitions?: Record<string, JsonSchema>;
};

function asObjectSchema(schema: JsonSchema | undefined): JsonSchema {
	if (!schema) return { type: 'object', properties: {} };
	// Some workflows give the properties bare, without the object around them.
	if (schema.type === 'object' || schema.properties || schema.$ref) return schema;
	return { type: 'object', properties: schema as Record<string, JsonSchema> };
}

export function workflowInputFields(workflowId: string, schema: unknown): EndpointFields {
	const input = schema as WorkflowJsonSchema | undefined;
	const definitions = { ...input?.definitions, ...input?.$defs };
	return fieldsFromSchema(
		`workflows/${workflowId}`,
		asObjectSchema(input),
		definitions,
		`https://fal.ai/workflows/${workflowId}`,
	);
}

export function workflowOutputFields(schema: unknown): FalFieldSchema[] {
	const output = schema as WorkflowJsonSchema | undefined;
	if (!output) return [];
	return fieldsFromSchema('output', asObjectSchema(output), { ...output.$defs }, '').input;
}
