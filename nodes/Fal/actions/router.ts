import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { checkCostCeiling } from '../execution/costCeiling';
import { errorItem, inputError, isNodeError } from '../execution/errorItems';
import { firstItemOptions } from '../execution/options';
import { autoGate, fixedGate } from '../execution/concurrency';
import { withParameterCache } from '../execution/parameterCache';
import { mapInOrder, runPool } from '../execution/pool';
import { RunStop, StoppedByRun } from '../execution/runStop';
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

const OPERATIONS: Record<string, Record<string, Operation>> = {
	queueRequest,
	file,
	model,
	account,
	workflow,
};

type NodeError = NodeApiError | NodeOperationError;

/** Items checked at once before a run (reads of binary heads, parameter evaluation). */
const PLANNING_CONCURRENCY = 32;

export async function route(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Workflows saved before the resource selector existed have no resource: they are generations.
	const resource = context.getNodeParameter(RESOURCE_PARAMETER, 0, DEFAULT_RESOURCE) as string;
	const operation =
		resource === 'generation'
			? generation
			: OPERATIONS[resource]?.[context.getNodeParameter(OPERATION_PARAMETER, 0) as string];
	if (!operation) {
		// The editor adds "Custom API Call" to the resources of nodes with an authenticating credential.
		throw new NodeOperationError(
			context.getNode(),
			`Resource "${resource}" is not one of this node's: use an HTTP Request node with the fal.ai credential (Predefined Credential Type) for custom API calls`,
		);
	}
	const connection = await connectToFal(context, retryPolicyOf(context, firstItemOptions(context)));
	return operation.kind === 'item'
		? await runEachItem(context, operation, connection)
		: await runSubmissions(context, operation, connection);
}

/** What a failing item throws: n8n errors as they are, fal's Platform API errors worded, anything else as bad input of the item. */
function nodeErrorOf(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (isNodeError(error)) return error;
	if (error instanceof PlatformFailure)
		return platformNodeError(context.getNode(), error, itemIndex);
	return inputError(context, error, itemIndex);
}

/**
 * One item after another (nothing here is billed): a failing item stops the
 * node, or becomes an error item under continueOnFail.
 */
async function runEachItem(
	context: IExecuteFunctions,
	operation: ItemOperation,
	connection: FalConnection,
): Promise<INodeExecutionData[][]> {
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
async function runSubmissions(
	context: IExecuteFunctions,
	operation: SubmittingOperation,
	connection: FalConnection,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const count = context.getInputData().length;
	const plan = operation.planner(withParameterCache(context), connection);
	// Checking reads each binary input's first bytes: a few items at a time, so a thousand do not wait on each other's disk reads.
	const planned = await mapInOrder(
		count,
		PLANNING_CONCURRENCY,
		async (itemIndex): Promise<PlannedItem | NodeError> => {
			try {
				return await plan(itemIndex);
			} catch (error) {
				return nodeErrorOf(context, error, itemIndex);
			}
		},
	);
	// Without Continue On Fail, the first bad item (by position) fails the run.
	const firstBad = continueOnFail ? undefined : planned.find(isNodeError);
	if (firstBad) throw firstBad;
	const runnable = planned.flatMap((item, itemIndex) =>
		isNodeError(item) ? [] : [{ itemIndex, item }],
	);
	if (operation.costCeiling) await checkCostCeiling(context, connection, runnable);

	// Concurrency and retries are the execution's, so the first runnable item's options set them.
	const { concurrency, maxConcurrency, ...firstOptions } =
		runnable[0]?.item.options ?? NODE_OPTION_DEFAULTS;
	const stop = new RunStop();
	const execution = {
		connection: await connectToFal(context, retryPolicyOf(context, firstOptions)),
		uploads: new UploadCache(),
		cancelSignal: executionCancelSignal(context),
		stop,
		stopOnFailure: !continueOnFail,
	};
	const { cancelSignal } = execution;
	const gate = concurrency === undefined ? autoGate(maxConcurrency) : fixedGate(concurrency);
	// Items waiting for their turn to submit go on when the run stops or the execution is cancelled, to find it so.
	stop.onStop = () => gate.flush();
	cancelSignal?.addEventListener('abort', () => gate.flush(), { once: true });
	const results: Array<INodeExecutionData | undefined> = new Array(planned.length);
	let failure: NodeError | undefined;
	await runPool(
		planned.length,
		gate,
		async (itemIndex, ticket) => {
			const item = planned[itemIndex];
			if (isNodeError(item)) {
				results[itemIndex] = errorItem(item, itemIndex);
				return;
			}
			try {
				results[itemIndex] = await runPlannedItem(context, execution, itemIndex, item, ticket);
			} catch (error) {
				// Kept from being sent, or cancelled while queued, by the failure that stopped the run.
				if (error instanceof StoppedByRun) return;
				const nodeError = isNodeError(error)
					? error
					: cancelSignal?.aborted
						? // Stopped in an upload or a retry's backoff, before fal had the item.
							canceledBeforeSubmitError(context.getNode(), itemIndex)
						: toNodeError(context.getNode(), error, {
								itemIndex,
								endpointId: item.endpointId,
								fields: item.fields,
							});
				if (!continueOnFail || cancelSignal?.aborted) {
					// A cancelled execution stops; it does not turn into error items. Without Continue On Fail, the first failure stops the run.
					failure ??= nodeError;
					void stop.stop();
				} else results[itemIndex] = errorItem(nodeError, itemIndex, item.endpointId);
			}
		},
		() => failure !== undefined || cancelSignal?.aborted === true,
	);
	if (failure) {
		stop.describeInto(failure, runnable.length);
		throw failure;
	}
	return [results.filter((result): result is INodeExecutionData => result !== undefined)];
}
