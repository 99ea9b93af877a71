import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { openConnection } from '../execution/connection';
import { toNodeError } from '../execution/errors/nodeErrors';
import { searchCatalogue } from '../transport/catalogue';

/** Entries per page of the Endpoint list; the editor asks for the next page as the user scrolls. */
const PAGE_SIZE = 50;

/**
 * The Endpoint picker's list: fal's catalogue searched for the typed text,
 * active endpoints only, page after page. Each entry names the model, its
 * endpoint ID and its category, and links its fal.ai page.
 */
export async function searchEndpoints(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const connection = await openConnection(this);
	try {
		const page = await searchCatalogue(connection, {
			text: filter,
			cursor: paginationToken,
			limit: PAGE_SIZE,
		});
		return {
			results: page.models.map(({ endpoint_id: endpointId, metadata }) => ({
				name: [metadata?.display_name, endpointId, metadata?.category].filter(Boolean).join(' · '),
				value: endpointId,
				url: metadata?.model_url ?? `https://fal.ai/models/${endpointId}`,
				...(metadata?.description ? { description: metadata.description } : {}),
			})),
			paginationToken: page.has_more && page.next_cursor ? page.next_cursor : undefined,
		};
	} catch (error) {
		throw toNodeError(this.getNode(), error, { itemIndex: 0, endpointId: "fal's model catalogue" });
	}
}
