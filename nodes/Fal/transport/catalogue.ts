import { callFal, type FalConnection } from './request';
import { PLATFORM_BASE_URL } from './urls';

/**
 * fal's model catalogue (`GET https://api.fal.ai/v1/models`, fal-platform.md):
 * the endpoint search of the Endpoint picker, and each endpoint's OpenAPI
 * document, which the node turns into typed fields.
 */

export interface CatalogueEntry {
	endpoint_id: string;
	metadata?: {
		display_name?: string;
		category?: string;
		description?: string;
		status?: string;
		model_url?: string;
	};
	/** The endpoint's OpenAPI document, as fal serves it (schema/openApi.ts reads it). */
	openapi?: Record<string, unknown>;
}

export interface CataloguePage {
	models: CatalogueEntry[];
	next_cursor?: string | null;
	has_more?: boolean;
}

function modelsUrl(query: Array<[string, string]>): string {
	return `${PLATFORM_BASE_URL}/models?${new URLSearchParams(query).toString()}`;
}

/** One page of active endpoints matching the text (all of them without it), from the cursor on. */
export async function searchCatalogue(
	connection: FalConnection,
	options: { text?: string; cursor?: string; limit: number },
): Promise<CataloguePage> {
	const query: Array<[string, string]> = [
		['status', 'active'],
		['limit', String(options.limit)],
	];
	if (options.text?.trim()) query.push(['q', options.text.trim()]);
	if (options.cursor) query.push(['cursor', options.cursor]);
	return (
		await callFal<CataloguePage>(connection, {
			route: 'catalogue',
			method: 'GET',
			url: modelsUrl(query),
		})
	).body;
}

/** The endpoint's OpenAPI document, or an Error naming the endpoint when fal does not have one. */
export async function fetchOpenApi(
	connection: FalConnection,
	endpointId: string,
): Promise<Record<string, unknown>> {
	const url = modelsUrl([
		['endpoint_id', endpointId],
		['expand', 'openapi-3.0'],
	]);
	const { body } = await callFal<CataloguePage>(connection, {
		route: 'catalogue',
		method: 'GET',
		url,
	});
	const entry = body.models?.find((model) => model.endpoint_id === endpointId);
	if (!entry) throw new Error(`fal's catalogue has no endpoint ${endpointId}`);
	if (!entry.openapi) throw new Error(`fal's catalogue gives no OpenAPI schema for ${endpointId}`);
	return entry.openapi;
}
