import type { EndpointFields } from '../models/types';
import { fetchOpenApi } from '../transport/catalogue';
import type { FalConnection } from '../transport/request';
import { fieldsFromOpenApi } from './openApi';

/**
 * Live endpoints' fields, read from fal's catalogue once per execution per
 * endpoint (items of one execution share the request) and checked against
 * before anything is uploaded or submitted. When the schema cannot be had,
 * the items that need it fail, naming the endpoint: their checks are never
 * skipped.
 */
export class EndpointSchemas {
	private readonly loaded = new Map<string, Promise<EndpointFields>>();

	constructor(private readonly connect: () => Promise<FalConnection>) {}

	async get(endpointId: string): Promise<EndpointFields> {
		let pending = this.loaded.get(endpointId);
		if (!pending) {
			pending = this.load(endpointId);
			this.loaded.set(endpointId, pending);
		}
		return await pending;
	}

	private async load(endpointId: string): Promise<EndpointFields> {
		return fieldsFromOpenApi(endpointId, await fetchOpenApi(await this.connect(), endpointId));
	}
}
