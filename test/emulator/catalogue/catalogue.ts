/**
 * fal's model catalogue (`GET https://api.fal.ai/v1/models`) and its OpenAPI
 * documents (also at `GET https://fal.ai/api/openapi/queue/openapi.json`):
 * every endpoint the emulator runs, then the ones it only lists. Answers are
 * plain `{status, body}`; the server adds counting, faults and capture.
 */
import { EMULATED_ENDPOINTS } from '../endpoints/registry';
import type { EndpointMetadata } from '../endpoints/types';
import { FILE_SCHEMA, IMAGE_SCHEMA, objectSchema, ref } from '../openapi/components';
import { buildOpenApiDocument, schemaBaseName, thumbnailUrlOf } from '../openapi/document';
import type { JsonSchema, OpenApiDocument } from '../openapi/types';
import { type Answer, pageOf, pageRequest, QueryError, validationError } from '../platform/answers';
import { LISTED_ENDPOINTS } from './listed';

export type { Answer };

export interface CatalogueEntry {
	endpointId: string;
	metadata: EndpointMetadata;
	/** Whether the emulator runs it (else submitting answers 404). */
	runnable: boolean;
	document: () => OpenApiDocument;
}

/** `limit` when none is given (the emulator's choice: fal's default is not documented). */
const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_ENDPOINT_IDS = 50;

/** A listed-only endpoint's output, by what its category makes. */
function listedOutput(category: string): {
	properties: Record<string, JsonSchema>;
	components: Record<string, JsonSchema>;
} {
	if (category.endsWith('-to-image'))
		return {
			properties: { images: { title: 'Images', type: 'array', items: ref('Image') } },
			components: { Image: IMAGE_SCHEMA },
		};
	if (category.endsWith('-to-video'))
		return {
			properties: { video: { ...ref('File'), title: 'Video' } },
			components: { File: FILE_SCHEMA },
		};
	if (/-to-(audio|speech)$/.test(category))
		return {
			properties: { audio: { ...ref('File'), title: 'Audio' } },
			components: { File: FILE_SCHEMA },
		};
	if (category === 'image-to-3d')
		return {
			properties: { model_mesh: { ...ref('File'), title: 'Model Mesh' } },
			components: { File: FILE_SCHEMA },
		};
	return { properties: { output: { title: 'Output', type: 'string' } }, components: {} };
}

/** The minimal document of an endpoint the emulator only lists: a required `prompt`, so that a client can load it. */
function listedDocument(endpointId: string, category: string): OpenApiDocument {
	const base = schemaBaseName(endpointId);
	const { properties, components } = listedOutput(category);
	return buildOpenApiDocument({
		endpointId,
		category,
		input: {
			name: `${base}Input`,
			schema: objectSchema(
				`${base}Input`,
				{ prompt: { title: 'Prompt', type: 'string', description: 'The prompt.' } },
				['prompt'],
			),
		},
		output: {
			name: `${base}Output`,
			schema: objectSchema(`${base}Output`, properties, Object.keys(properties)),
		},
		components,
	});
}

function cached(make: () => OpenApiDocument): () => OpenApiDocument {
	let document: OpenApiDocument | undefined;
	return () => (document ??= make());
}

export const CATALOGUE: readonly CatalogueEntry[] = [
	...EMULATED_ENDPOINTS.map((endpoint) => ({
		endpointId: endpoint.endpointId,
		metadata: endpoint.metadata,
		runnable: true,
		document: () => endpoint.document,
	})),
	// A listed endpoint that the emulator runs is listed once, as run.
	...LISTED_ENDPOINTS.filter(
		({ endpointId }) => !EMULATED_ENDPOINTS.some((endpoint) => endpoint.endpointId === endpointId),
	).map(({ endpointId, summary, ...metadata }) => ({
		endpointId,
		metadata: { ...metadata, description: `${summary} (Listed by the emulator, not run.)` },
		runnable: false,
		document: cached(() => listedDocument(endpointId, metadata.category)),
	})),
];

const CATALOGUE_BY_ID: ReadonlyMap<string, CatalogueEntry> = new Map(
	CATALOGUE.map((entry) => [entry.endpointId, entry]),
);

/** One entry of `models[]`, as fal's Platform API answers it. */
function modelOf(entry: CatalogueEntry, withOpenApi: boolean): Record<string, unknown> {
	const { metadata } = entry;
	return {
		endpoint_id: entry.endpointId,
		metadata: {
			display_name: metadata.displayName,
			category: metadata.category,
			description: metadata.description,
			status: metadata.status ?? 'active',
			tags: metadata.tags,
			updated_at: metadata.date,
			thumbnail_url: thumbnailUrlOf(entry.endpointId),
			model_url: `https://fal.ai/models/${entry.endpointId}`,
			date: metadata.date,
			kind: 'inference',
		},
		...(withOpenApi ? { openapi: entry.document() } : {}),
	};
}

/** Free text: every word must appear in the id, name, description or tags (case-insensitive). */
function matchesText(entry: CatalogueEntry, q: string): boolean {
	const text = [
		entry.endpointId,
		entry.metadata.displayName,
		entry.metadata.description,
		...entry.metadata.tags,
	]
		.join(' ')
		.toLowerCase();
	return q
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => text.includes(word));
}

/**
 * `GET /v1/models`: `q`, `category`, `status` (active by default),
 * `endpoint_id` (1–50, repeated: exactly those, other filters aside),
 * `expand=openapi-3.0`, `limit` (1–100, default 20), `cursor`.
 */
export function listModels(query: URLSearchParams): Answer {
	let request: { offset: number; limit: number };
	try {
		request = pageRequest(query, { defaultLimit: DEFAULT_PAGE_SIZE, maxLimit: MAX_PAGE_SIZE });
	} catch (error) {
		if (error instanceof QueryError) return error.answer;
		throw error;
	}
	const status = query.get('status') ?? 'active';
	if (status !== 'active' && status !== 'deprecated')
		return validationError(`status must be 'active' or 'deprecated', got ${status}`);
	const ids = [...new Set(query.getAll('endpoint_id'))];
	if (ids.length > MAX_ENDPOINT_IDS || ids.some((id) => id.trim() === '')) {
		return validationError(`endpoint_id takes 1 to ${MAX_ENDPOINT_IDS} endpoint ids`);
	}
	const expand = query.getAll('expand').flatMap((value) => value.split(','));
	const category = query.get('category');
	const q = query.get('q');

	const matching =
		ids.length > 0
			? ids.flatMap((id) => CATALOGUE_BY_ID.get(id) ?? [])
			: CATALOGUE.filter(
					(entry) =>
						(entry.metadata.status ?? 'active') === status &&
						(!category || entry.metadata.category === category) &&
						(!q || matchesText(entry, q)),
				);
	const { page, next_cursor, has_more } = pageOf(matching, request);
	return {
		status: 200,
		body: {
			models: page.map((entry) => modelOf(entry, expand.includes('openapi-3.0'))),
			next_cursor,
			has_more,
		},
	};
}

/** `GET https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=<id>`: the document, or 404. */
export function openApiAnswer(query: URLSearchParams): Answer {
	const endpointId = query.get('endpoint_id');
	if (!endpointId)
		return {
			status: 422,
			body: { detail: [{ loc: ['query', 'endpoint_id'], msg: 'Field required', type: 'missing' }] },
		};
	const entry = CATALOGUE_BY_ID.get(endpointId);
	if (!entry) return { status: 404, body: { detail: `Endpoint ${endpointId} not found` } };
	return { status: 200, body: entry.document() };
}
