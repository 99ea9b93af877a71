import { type IExecuteFunctions, type INodeExecutionData, type NodeApiError, NodeOperationError } from 'n8n-workflow';
import { checkCostCeiling } from '../execution/costCeiling';
import { errorItem, inputError, isNodeError } from '../execution/errorItems';
import { firstItemOptions } from '../execution/options';
import { runPool } from '../execution/pool';
import { executionCancelSignal, retryPolicyOf } from '../execution/retryPolicy';
import { UploadCache } from '../helpers/inputFiles';
import { NODE_OPTION_DEFAULTS } from '../nodeOptions';
import { DEFAULT_RESOURCE, OPERATION_PARAMETER, RESOURCE_PARAMETER } from '../parameters';
import { canceledBeforeSubmitError, toNodeError } from '../transport/errors';
import { PlatformFailure } from '../transport/platform';
import { platformNodeError } from '../transport/platformErrors';
import { connectToFal, type FalConnection } from '../transport/request';
import { account } from './account';
import { file } from './file/upload';
import { generation } from './generation';
import { runPlannedItem } from './generation/runItem';
import { model } from './model';
import type { ItemOperation, Operation, PlannedItem, SubmittingOperation } from './operation';
import { queueRequest } from './queueRequest';
import { workflow } from './workflow';

/**
 * Reads the resource and operation, and runs the operation over the input
 * items: its per-item loop, continueOnFail and error items are all here.
 */

const OPERATIONS: Record<string, Record<string, Operation>> = { queueRequest, file, model, account, workflow };

type NodeError = NodeApiError | NodeOperationError;

export async function route(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Workflows saved before the resource selector existed have no resource: they are generations.
	const resource = context.getNodeParameter(RESOURCE_PARAMETER, 0, DEFAULT_RESOURCE) as string;
	const operation = resource === 'generation' ? generation : OPERATIONS[resource]?.[context.getNodeParameter(OPERATION_PARAMETER, 0) as string];
	if (!operation) {
		// The editor adds "Custom API Call" to the resources of nodes with an authenticating credential.
		throw new NodeOperationError(
			context.getNode(),
			`Resource "${resource}" is not one of this node's: use an HTTP Request node with the fal.ai credential (Predefined Credential Type) for custom API calls`,
		);
	}
	const connection = await connectToFal(context, retryPolicyOf(context, firstItemOptions(context)));
	return operation.kind === 'item' ? await runEachItem(context, operation, connection) : await runSubmissions(context, operation, connection);
}

/** What a failing item throws: n8n errors as they are, fal's Platform API errors worded, anything else as bad input of the item. */
function nodeErrorOf(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (isNodeError(error)) return error;
	if (error instanceof PlatformFailure) return platformNodeError(context.getNode(), error, itemIndex);
	return inputError(context, error, itemIndex);
}

/**
 * One item after another (nothing here is billed): a failing item stops the
 * node, or becomes an error item under continueOnFail.
 */
async function runEachItem(context: IExecuteFunctions, operation: ItemOperation, connection: FalConnection): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const cancelSignal = executionCancelSignal(context);
	const results: INodeExecutionData[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		if (cancelSignal?.aborted) break;
		try {
			const outputs = await operation.execute(context, itemIndex, connection);
			results.push(...outputs.map((output) => ({ ...output, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const nodeError = nodeErrorOf(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results.push(errorItem(nodeError, itemIndex));
		}
	}
	return [results];
}

/**
 * Every item checked and planned first (fields, binary inputs, options), and
 * the cost ceiling held, so that bad input fails before any fal request is
 * paid for; then items run side by side, their outputs in input order.
 * Without continueOnFail the first failure stops new items from starting
 * and is thrown once the running ones settle.
 */
async function runSubmissions(context: IExecuteFunctions, operation: SubmittingOperation, connection: FalConnection): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const count = context.getInputData().length;
	const plan = operation.planner(context, connection);
	const planned: Array<PlannedItem | NodeError> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			planned.push(await plan(itemIndex));
		} catch (error) {
			const nodeError = nodeErrorOf(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			planned.push(nodeError);
		}
	}
	const runnable = planned.flatMap((item, itemIndex) => (isNodeError(item) ? [] : [{ itemIndex, item }]));
	if (operation.costCeiling) await checkCostCeiling(context, connection, runnable);

	// Concurrency and retries are the execution's, so the first runnable item's options set them.
	const { concurrency, ...firstOptions } = runnable[0]?.item.options ?? NODE_OPTION_DEFAULTS;
	const execution = { connection: await connectToFal(context, retryPolicyOf(context, firstOptions)), uploads: new UploadCache(), cancelSignal: executionCancelSignal(context) };
	const { cancelSignal } = execution;
	const results: Array<INodeExecutionData | undefined> = new Array(planned.length);
	let failure: NodeError | undefined;
	await runPool(
		planned.length,
		concurrency,
		async (itemIndex) => {
			const item = planned[itemIndex];
			if (isNodeError(item)) {
				results[itemIndex] = errorItem(item, itemIndex);
				return;
			}
			try {
				results[itemIndex] = await runPlannedItem(context, execution, itemIndex, item);
			} catch (error) {
				const nodeError = isNodeError(error)
					? error
					: cancelSignal?.aborted
						? // Stopped in an upload or a retry's backoff, before fal had the item.
							canceledBeforeSubmitError(context.getNode(), itemIndex)
						: toNodeError(context.getNode(), error, { itemIndex, endpointId: item.endpointId, fields: item.fields });
				// A cancelled execution stops; it does not turn into error items.
				if (!continueOnFail || cancelSignal?.aborted) failure ??= nodeError;
				else results[itemIndex] = errorItem(nodeError, itemIndex, item.endpointId);
			}
		},
		() => failure !== undefined || cancelSignal?.aborted === true,
	);
	if (failure) throw failure;
	return [results.filter((result): result is INodeExecutionData => result !== undefined)];
}
