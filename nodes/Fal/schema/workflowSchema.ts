import type { EndpointFields, FalFieldSchema } from '../models/types';
import type { WorkflowDetails } from '../transport/workflows';
import { fieldsFromSchema, type JsonSchema } from './openApi';

/**
 * A fal workflow's input (and output) schema, `contents.schema`, in the
 * node's field model: the same conversion as an endpoint's OpenAPI schema,
 * its `$ref`s into the schema's own `$defs`/`definitions`.
 */

function asObjectSchema(schema: JsonSchema | undefined): JsonSchema {
	if (!schema) return { type: 'object', properties: {} };
	// Some workflows give the properties bare, without the object around them.
	if (schema.type === 'object' || schema.properties || schema.$ref) return schema;
	return { type: 'object', properties: schema as Record<string, JsonSchema> };
}

export function workflowInputFields(workflowId: string, details: WorkflowDetails): EndpointFields {
	const input = details.contents?.schema?.input;
	const definitions = { ...input?.definitions, ...input?.$defs };
	return fieldsFromSchema(
		`workflows/${workflowId}`,
		asObjectSchema(input),
		definitions,
		`https://fal.ai/workflows/${workflowId}`,
	);
}

export function workflowOutputFields(details: WorkflowDetails): FalFieldSchema[] {
	const output = details.contents?.schema?.output as
		(JsonSchema & { $defs?: Record<string, JsonSchema> }) | undefined;
	if (!output) return [];
	return fieldsFromSchema('output', asObjectSchema(output), { ...output.$defs }, '').input;
}
