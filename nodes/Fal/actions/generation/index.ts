import { plannedItem } from '../../execution/plannedItem';
import {
	COST_OPTIONS,
	RESULT_FILE_OPTIONS,
	RETRY_OPTIONS,
	SUBMIT_OPTIONS,
	WAIT_OPTIONS,
} from '../../execution/options/nodeOptions';
import { waitProperties } from '../../execution/waitParameters';
import { endpointSchemas } from '../../request/liveSchemas';
import type { Resource, SubmittingOperation } from '../operation';
import { RESOURCE_PARAMETER } from '../parameterNames';
import { requestTargetOf } from './endpointRequest';
import { endpointFields, generationOperationSelectors } from './parameters';

/**
 * Generation: the endpoint the Model selection names (a curated one, or any
 * fal endpoint) run once per item. Live endpoints' schemas are read once per
 * execution per endpoint, for all items.
 */
const generate: SubmittingOperation = {
	kind: 'submit',
	option: {
		name: 'Generate',
		value: 'generate',
		action: 'Generate with a fal model',
		description: 'Run the chosen fal endpoint on each item',
	},
	properties: [
		...generationOperationSelectors,
		...endpointFields,
		...waitProperties({ [RESOURCE_PARAMETER]: ['generation'] }),
	],
	nodeOptions: [
		...RETRY_OPTIONS,
		...RESULT_FILE_OPTIONS,
		...SUBMIT_OPTIONS,
		...WAIT_OPTIONS,
		...COST_OPTIONS,
	],
	costCeiling: true,
	planner(context, connection) {
		const schemas = endpointSchemas(connection);
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

/** No generic Operation selector: each curated entry of the Model selector offers its own. */
export const generation: Resource = {
	option: {
		name: 'Generation',
		value: 'generation',
		description: 'Run a fal model on each item: inpaint, image to image, or any fal endpoint',
	},
	operations: [generate],
};
