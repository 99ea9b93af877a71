import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorItem, nodeErrorOf } from './errors/errorItems';
import { executionCancelSignal } from './retryPolicy';

/**
 * The item loop of the operations that are not billed (lookups, uploads,
 * platform calls): one item after another, each one's outputs paired with
 * it; a failing item stops the node, or becomes an error item under
 * continueOnFail.
 */
export async function runEachItem(
	context: IExecuteFunctions,
	execute: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const cancelSignal = executionCancelSignal(context);
	const results: INodeExecutionData[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		if (cancelSignal?.aborted) break;
		try {
			const outputs = await execute(itemIndex);
			results.push(...outputs.map((output) => ({ ...output, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const nodeError = nodeErrorOf(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results.push(errorItem(nodeError, itemIndex));
		}
	}
	return [results];
}
