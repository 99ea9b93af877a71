import type { FalConnection } from './request';
import { callPlatform, type Page } from './platform';

/** fal's prices (`GET /v1/models/pricing`, fal-platform.md): what one unit of an endpoint costs. */

export interface Price {
	endpoint_id: string;
	unit_price: number;
	/** "image", "megapixels", "second", "1000 characters", "compute seconds", … */
	unit: string;
	currency: string;
}

/** fal takes up to 50 endpoint IDs per request. */
const IDS_PER_REQUEST = 50;

/** The prices of the endpoints, by endpoint ID (an endpoint fal has no price for is absent). */
export async function fetchPrices(
	connection: FalConnection,
	endpointIds: string[],
	action: string,
): Promise<Map<string, Price>> {
	const prices = new Map<string, Price>();
	for (let start = 0; start < endpointIds.length; start += IDS_PER_REQUEST) {
		const ids = endpointIds.slice(start, start + IDS_PER_REQUEST);
		let cursor: string | undefined;
		do {
			const page = await callPlatform<Page & { prices?: Price[] }>(connection, {
				method: 'GET',
				path: '/models/pricing',
				query: [...ids.map((id): [string, string] => ['endpoint_id', id]), ['cursor', cursor]],
				action,
			});
			for (const price of page.prices ?? []) prices.set(price.endpoint_id, price);
			cursor =
				page.has_more && page.next_cursor && page.next_cursor !== cursor
					? page.next_cursor
					: undefined;
		} while (cursor);
	}
	return prices;
}
