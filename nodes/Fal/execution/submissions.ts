import type {
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { UploadCache } from '../request/inputFiles';
import type { FalConnection } from '../transport/request';
import { autoGate, fixedGate } from './concurrency';
import { withRetrySettings } from './connection';
import { checkCostCeiling } from './costCeiling';
import { errorItem, isNodeError, nodeErrorOf } from './errors/errorItems';
import { canceledBeforeSubmitError, toNodeError } from './errors/nodeErrors';
import { NODE_OPTION_DEFAULTS } from './options/nodeOptions';
import { withParameterCache } from './parameterCache';
import type { PlannedItem } from './plannedItem';
import { mapInOrder, runPool } from './pool';
import { executionCancelSignal } from './retryPolicy';
import { runPlannedItem } from './runItem';
import { RunStop, StoppedByRun } from './runStop';

/**
 * The submit engine: what every operation that sends billed requests to
 * fal's queue runs (Generation, Workflow → Run). Every item is checked and
 * planned first (fields, binary inputs, options), and the cost ceiling held,
 * so that bad input fails before any fal request is paid for; then items run
 * side by side (concurrency.ts), their outputs in input order. Without
 * continueOnFail the first failure stops new items from starting and is
 * thrown once the running ones settle (runStop.ts).
 */

/** What a submitting operation gives the engine. */
export interface Submitter {
	/** For one execution: the function that checks one item and plans its request (nothing is sent). */
	planner(
		context: IExecuteFunctions,
		connection: FalConnection,
	): (itemIndex: number) => Promise<PlannedItem>;
	/** Whether Node Options → Max Cost per Execution applies. */
	costCeiling: boolean;
}

type NodeError = NodeApiError | NodeOperationError;

/** Items checked at once before a run (reads of binary heads, parameter evaluation). */
const PLANNING_CONCURRENCY = 32;

export async function runSubmissions(
	context: IExecuteFunctions,
	submitter: Submitter,
	connection: FalConnection,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const count = context.getInputData().length;
	const plan = submitter.planner(withParameterCache(context), connection);
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
	if (submitter.costCeiling) await checkCostCeiling(context, connection, runnable);

	// Concurrency and retries are the execution's, so the first runnable item's options set them.
	const { concurrency, maxConcurrency, ...firstOptions } =
		runnable[0]?.item.options ?? NODE_OPTION_DEFAULTS;
	const stop = new RunStop();
	const execution = {
		connection: withRetrySettings(connection, firstOptions),
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
