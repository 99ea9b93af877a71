import type { INodeProperties } from 'n8n-workflow';
import { checkEndpointIds } from '../../request/endpointId';
import { FieldInputError } from '../../request/fieldInputError';
import { fetchPrices } from '../../transport/pricing';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';

/** Model → Get Pricing: fal's unit price of one or several endpoints, one item per endpoint. */

const LABEL = 'Endpoint IDs';

const getPricingDescription: INodeProperties[] = [
	{
		displayName: LABEL,
		name: 'endpointIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'fal-ai/flux/dev, fal-ai/flux/schnell',
		description:
			'One or several fal endpoint IDs, separated by commas (or a list from an expression), up to 50',
	},
];

export const getPricing: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Get Pricing',
		value: 'getPricing',
		action: 'Get the pricing of fal models',
		description: 'The unit price of one or several endpoints',
	},
	properties: getPricingDescription,
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const ids = checkEndpointIds(context.getNodeParameter('endpointIds', itemIndex, ''), LABEL);
		if (ids.length === 0)
			throw new FieldInputError(
				LABEL,
				'is empty; give one or several endpoint IDs, such as fal-ai/flux/dev',
			);
		if (ids.length > 50)
			throw new FieldInputError(LABEL, `has ${ids.length} IDs; fal takes up to 50 at a time`);
		const unique = [...new Set(ids)];
		const prices = await fetchPrices(connection, unique, 'Model → Get Pricing');
		// In the order asked; an endpoint fal has no price for says so rather than vanishing.
		return unique.map((id) => {
			const price = prices.get(id);
			return {
				json: price
					? { ...price }
					: {
							endpoint_id: id,
							unit_price: null,
							unit: null,
							currency: null,
							note: 'fal lists no price for this endpoint',
						},
			};
		});
	},
};
