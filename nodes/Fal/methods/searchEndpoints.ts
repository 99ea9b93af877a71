import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NODE_OPTION_DEFAULTS } from '../nodeOptions';
import { searchCatalogue } from '../transport/catalogue';
import { toNodeError } from '../transport/errors';
import { connectToFal } from '../transport/request';
import { retryPolicyOf } from '../execution/retryPolicy';

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
	const connection = await connectToFal(this, retryPolicyOf(this, NODE_OPTION_DEFAULTS));
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
