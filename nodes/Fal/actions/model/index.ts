import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../operation';
import { estimateCost, estimateCostDescription } from './estimateCost';
import { get, getDescription } from './get';
import { getPricing, getPricingDescription } from './getPricing';
import { search, searchDescription } from './search';

/** Model: fal's catalogue and prices (fal's Platform API). */

export const model: Record<string, Operation> = { search, get, getPricing, estimateCost };

export const modelDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['model'] } },
		options: [
			{
				name: 'Estimate Cost',
				value: 'estimateCost',
				action: 'Estimate the cost of a fal model',
				description: 'What a number of units or calls of an endpoint would cost, in USD',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a fal model',
				description: "An endpoint's metadata with its input and output fields",
			},
			{
				name: 'Get Pricing',
				value: 'getPricing',
				action: 'Get the pricing of fal models',
				description: 'The unit price of one or several endpoints',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search fal models',
				description: "Search fal's model catalogue",
			},
		],
		default: 'search',
	},
	...searchDescription,
	...getDescription,
	...getPricingDescription,
	...estimateCostDescription,
];
