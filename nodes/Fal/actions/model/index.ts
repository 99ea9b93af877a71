import type { Resource } from '../operation';
import { estimateCost } from './estimateCost';
import { get } from './get';
import { getPricing } from './getPricing';
import { search } from './search';

/** Model: fal's catalogue and prices (fal's Platform API). */
export const model: Resource = {
	option: {
		name: 'Model',
		value: 'model',
		description: "Search fal's models, read their fields and prices, estimate a cost",
	},
	operations: [search, get, getPricing, estimateCost],
	defaultOperation: 'search',
};
