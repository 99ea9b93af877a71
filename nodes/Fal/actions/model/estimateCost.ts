import type { INodeProperties } from 'n8n-workflow';
import { endpointLocator } from '../../fields/endpointLocator';
import { FieldInputError } from '../../request/fieldInputError';
import { callPlatform } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { endpointOf } from './get';

/**
 * Model → Estimate Cost: fal's own estimate (`POST /v1/models/pricing/estimate`)
 * for a number of units at the endpoint's unit price, or a number of calls
 * at its historical price per call.
 */

const estimateCostDescription: INodeProperties[] = [
	endpointLocator({}, 'The fal endpoint to estimate the cost of', 'all'),
	{
		displayName: 'Estimate By',
		name: 'estimateType',
		type: 'options',
		options: [
			{
				name: 'Units',
				value: 'unit_price',
				description:
					"A number of the endpoint's price units (images, megapixels, seconds…) at its unit price",
			},
			{
				name: 'Calls',
				value: 'historical_api_price',
				description: "A number of calls at what a call has cost on average (fal's history)",
			},
		],
		default: 'unit_price',
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'How many units (or calls)',
	},
];

interface Estimate {
	estimate_type: string;
	total_cost: number;
	currency: string;
}

export const estimateCost: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Estimate Cost',
		value: 'estimateCost',
		action: 'Estimate the cost of a fal model',
		description: 'What a number of units or calls of an endpoint would cost, in USD',
	},
	properties: estimateCostDescription,
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const endpointId = endpointOf(context, itemIndex);
		const type = context.getNodeParameter('estimateType', itemIndex, 'unit_price') as string;
		const quantity = context.getNodeParameter('quantity', itemIndex, 1) as number;
		if (typeof quantity !== 'number' || !(quantity >= 0))
			throw new FieldInputError(
				'Quantity',
				`must be a number of at least 0, got ${String(quantity)}`,
			);
		const quantityKey = type === 'historical_api_price' ? 'call_quantity' : 'unit_quantity';
		const estimate = await callPlatform<Estimate>(connection, {
			method: 'POST',
			path: '/models/pricing/estimate',
			body: { estimate_type: type, endpoints: { [endpointId]: { [quantityKey]: quantity } } },
			action: `Model → Estimate Cost (${endpointId})`,
		});
		return [{ json: { endpoint_id: endpointId, [quantityKey]: quantity, ...estimate } }];
	},
};
