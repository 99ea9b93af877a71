/**
 * An endpoint's OpenAPI document in the shape fal serves at
 * `https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=<id>` (and in
 * `GET /v1/models?expand=openapi-3.0`): info with `x-fal-metadata`, the queue's
 * four paths, the input and output schemas and what they refer to. The node
 * builds its fields from these documents, so the shape is fal's, not ours.
 */
import { ref } from './components';
import type { JsonSchema, OpenApiDocument } from './types';

export interface DocumentParts {
	endpointId: string;
	category: string;
	/** Schema names vary per model at fal (`FluxDevInput`, `AmEnglishRequest`, ...). */
	input: { name: string; schema: JsonSchema };
	output: { name: string; schema: JsonSchema };
	/** Other schemas the input and output refer to (`ImageSize`, `Image`, `File`, ...). */
	components?: Record<string, JsonSchema>;
}

/** fal's naming of an endpoint's schemas: the id after the owner, in PascalCase (`flux/dev` → `FluxDev`). */
export function schemaBaseName(endpointId: string): string {
	return endpointId
		.split('/')
		.slice(1)
		.join('-')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join('');
}

/** Where fal's documents put an endpoint's thumbnail; the emulator does not serve these. */
export function thumbnailUrlOf(endpointId: string): string {
	return `https://v3.fal.media/files/emulator/${endpointId.replace(/[^A-Za-z0-9]+/g, '-')}.webp`;
}

const QUEUE_STATUS: JsonSchema = {
	type: 'object',
	properties: {
		status: { type: 'string', enum: ['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED'] },
		request_id: { type: 'string', description: 'The request id.' },
		response_url: { type: 'string', description: 'The response url.' },
		status_url: { type: 'string', description: 'The status url.' },
		cancel_url: { type: 'string', description: 'The cancel url.' },
		logs: { type: 'object', description: 'The logs.', additionalProperties: true },
		metrics: { type: 'object', description: 'The metrics.', additionalProperties: true },
		queue_position: { type: 'integer', description: 'The queue position.' },
	},
	required: ['status', 'request_id'],
};

const REQUEST_ID = {
	name: 'request_id',
	in: 'path' as const,
	required: true,
	schema: { type: 'string' as const, description: 'Request ID' },
};

function json(schema: JsonSchema) {
	return { content: { 'application/json': { schema } } };
}

export function buildOpenApiDocument(parts: DocumentParts): OpenApiDocument {
	const id = parts.endpointId;
	return {
		openapi: '3.0.4',
		info: {
			title: `Queue OpenAPI for ${id}`,
			version: '1.0.0',
			description: `The OpenAPI schema for the ${id} queue.`,
			'x-fal-metadata': {
				endpointId: id,
				category: parts.category,
				thumbnailUrl: thumbnailUrlOf(id),
				playgroundUrl: `https://fal.ai/models/${id}`,
				documentationUrl: `https://fal.ai/models/${id}/api`,
			},
		},
		components: {
			securitySchemes: {
				apiKeyAuth: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Fal Key' },
			},
			schemas: {
				QueueStatus: QUEUE_STATUS,
				[parts.input.name]: parts.input.schema,
				[parts.output.name]: parts.output.schema,
				...parts.components,
			},
		},
		paths: {
			[`/${id}/requests/{request_id}/status`]: {
				get: {
					parameters: [
						REQUEST_ID,
						{
							name: 'logs',
							in: 'query',
							required: false,
							schema: {
								type: 'number',
								description: 'Whether to include logs (`1`) in the response or not (`0`).',
							},
						},
					],
					responses: { 200: { description: 'The request status.', ...json(ref('QueueStatus')) } },
				},
			},
			[`/${id}/requests/{request_id}/cancel`]: {
				put: {
					parameters: [REQUEST_ID],
					responses: {
						200: {
							description: 'The request was cancelled.',
							...json({
								type: 'object',
								properties: {
									success: {
										type: 'boolean',
										description: 'Whether the request was cancelled successfully.',
									},
								},
							}),
						},
					},
				},
			},
			[`/${id}`]: {
				post: {
					requestBody: { required: true, ...json(ref(parts.input.name)) },
					responses: { 200: { description: 'The request status.', ...json(ref('QueueStatus')) } },
				},
			},
			[`/${id}/requests/{request_id}`]: {
				get: {
					parameters: [REQUEST_ID],
					responses: {
						200: { description: 'Result of the request.', ...json(ref(parts.output.name)) },
					},
				},
			},
		},
		servers: [{ url: 'https://queue.fal.run' }],
		security: [{ apiKeyAuth: [] }],
	};
}
