import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorItem, inputError, isNodeError } from './errorItems';
import { executionCancelSignal } from './retryPolicy';

/**
 * Runs one action per input item, in order, for the actions that cost nothing
 * (queue lookups, uploads): a failing item stops the node, or becomes an error
 * item under continueOnFail. `run` throws n8n errors; anything else counts as
 * bad input of the item.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	run: (itemIndex: number) => Promise<INodeExecutionData>,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const cancelSignal = executionCancelSignal(context);
	const results: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (cancelSignal?.aborted) break;
		try {
			results.push(await run(itemIndex));
		} catch (error) {
			const nodeError = isNodeError(error) ? error : inputError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results.push(errorItem(nodeError, itemIndex));
		}
	}
	return [results];
}
