import { catalogueSchemas } from '../../schema/endpointSchemas';
import type { SubmittingOperation } from '../operation';
import { plannedItem } from './plannedItem';
import { requestTargetOf } from './target';

export { generationDescription } from './description';

/**
 * Generation: the selected model's endpoint (or any fal endpoint) run once
 * per item. Live endpoints' schemas are fetched once per execution per
 * endpoint, for all items.
 */
export const generation: SubmittingOperation = {
	kind: 'submit',
	costCeiling: true,
	planner(context, connection) {
		const schemas = catalogueSchemas(connection);
		return async (itemIndex) => {
			const read = (name: string, fallback?: unknown) =>
				context.getNodeParameter(name, itemIndex, fallback);
			return await plannedItem(
				context,
				itemIndex,
				await requestTargetOf(context, itemIndex, read, schemas),
			);
		};
	},
};
