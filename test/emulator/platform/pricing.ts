/**
 * `GET /models/pricing` (each asked endpoint's price, from prices.ts) and
 * `POST /models/pricing/estimate` (a cost from unit quantities, or from call
 * counts and what the endpoint's calls cost so far).
 */
import {
	type Answer,
	money,
	notFound,
	ok,
	pageOf,
	pageRequest,
	QueryError,
	requiredEndpointIds,
	validationError,
} from './answers';
import type { Handler, PlatformData } from './call';
import { priceOf, TYPICAL_QUANTITY } from './prices';

/** `endpoint_id` (repeated; required): the prices of those the emulator knows, unknown ones left out. */
export const pricing: Handler = ({ query }) => {
	const ids = requiredEndpointIds(query);
	const prices = ids.flatMap((endpointId) => {
		const price = priceOf(endpointId);
		return price
			? [
					{
						endpoint_id: endpointId,
						unit_price: price.unitPrice,
						unit: price.unit,
						currency: 'USD',
					},
				]
			: [];
	});
	const { page, next_cursor, has_more } = pageOf(prices, pageRequest(query));
	return ok({ prices: page, next_cursor, has_more });
};

type EstimateType = 'unit_price' | 'historical_api_price';

const QUANTITY_FIELD: Record<EstimateType, string> = {
	unit_price: 'unit_quantity',
	historical_api_price: 'call_quantity',
};

/** The body's endpoints and quantities, checked. Throws QueryError. */
function estimateRequest(body: unknown): {
	type: EstimateType;
	quantities: Array<[string, number]>;
} {
	const { estimate_type: type, endpoints } = (body ?? {}) as {
		estimate_type?: unknown;
		endpoints?: unknown;
	};
	if (type !== 'unit_price' && type !== 'historical_api_price') {
		throw new QueryError(
			validationError(
				`estimate_type must be 'unit_price' or 'historical_api_price', got ${JSON.stringify(type)}`,
			),
		);
	}
	if (
		typeof endpoints !== 'object' ||
		endpoints === null ||
		Array.isArray(endpoints) ||
		Object.keys(endpoints).length === 0
	) {
		throw new QueryError(
			validationError('endpoints must be an object of endpoint ids, each with its quantity'),
		);
	}
	const field = QUANTITY_FIELD[type];
	const quantities = Object.entries(endpoints).map(([endpointId, entry]): [string, number] => {
		const quantity = (entry as Record<string, unknown> | null)?.[field];
		if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) {
			throw new QueryError(
				validationError(`endpoints.${endpointId}.${field} must be a number of at least 0`),
			);
		}
		return [endpointId, quantity];
	});
	return { type, quantities };
}

/**
 * What one call of an endpoint cost on average, over its successful calls in
 * the emulator's history; with none yet, its unit price × a typical call's
 * quantity (TYPICAL_QUANTITY: the emulator's assumption).
 */
function averageCallCost(data: PlatformData, endpointId: string): number {
	const charges = data
		.jobs()
		.flatMap((job) => job.charges)
		.filter((charge) => charge.endpointId === endpointId);
	if (charges.length > 0)
		return charges.reduce((sum, charge) => sum + charge.cost, 0) / charges.length;
	const price = priceOf(endpointId)!;
	return price.unitPrice * TYPICAL_QUANTITY[price.unit];
}

export const estimate: Handler = async ({ body, data }): Promise<Answer> => {
	const { type, quantities } = estimateRequest(await body());
	const unknown = quantities.find(([endpointId]) => !priceOf(endpointId));
	if (unknown) return notFound(`No price for endpoint ${unknown[0]}`);
	const total = quantities.reduce(
		(sum, [endpointId, quantity]) =>
			sum +
			quantity *
				(type === 'unit_price'
					? priceOf(endpointId)!.unitPrice
					: averageCallCost(data, endpointId)),
		0,
	);
	return ok({ estimate_type: type, total_cost: money(total), currency: 'USD' });
};
