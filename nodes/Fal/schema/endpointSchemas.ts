import type { EndpointFields } from '../models/types';
import { fetchOpenApi } from '../transport/catalogue';
import type { FalConnection } from '../transport/request';
import { fieldsFromOpenApi } from './openApi';

/**
 * Live schemas' fields (an endpoint's from fal's catalogue, a fal workflow's
 * from its details), read once per execution per ID (items of one execution
 * share the request) and checked against before anything is uploaded or
 * submitted. When a schema cannot be had, the items that need it fail,
 * naming it: their checks are never skipped.
 */
export class EndpointSchemas {
	private readonly loaded = new Map<string, Promise<EndpointFields>>();

	constructor(private readonly load: (id: string) => Promise<EndpointFields>) {}

	async get(id: string): Promise<EndpointFields> {
		let pending = this.loaded.get(id);
		if (!pending) {
			pending = this.load(id);
			this.loaded.set(id, pending);
		}
		return await pending;
	}
}

/** Endpoints' input fields, from their OpenAPI documents in fal's catalogue. */
export function catalogueSchemas(connection: FalConnection): EndpointSchemas {
	return new EndpointSchemas(async (endpointId) =>
		fieldsFromOpenApi(endpointId, await fetchOpenApi(connection, endpointId)),
	);
}
