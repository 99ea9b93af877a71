import { type IExecuteFunctions, type ILoadOptionsFunctions, type INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { FieldInputError } from '../fields/values';
import { NODE_OPTION_DEFAULTS } from '../nodeOptions';
import { NODE_OPTIONS_PARAMETER, type NodeOptions } from '../parameters';
import { endpointIdOf, requestIdOf } from '../transport/errors';
import type { RetryPolicy } from '../transport/retry';

/**
 * An item that failed, under continueOnFail: `json.error` holds what happened.
 * It is the item's only key because that is what n8n's engine looks for to
 * send the item down the error branch of "Continue (using error output)"
 * (merged there with the input item's fields); an item-level `error` would
 * make the engine replace the json with the bare message.
 */
export function errorItem(nodeError: NodeApiError | NodeOperationError, itemIndex: number, endpointId = endpointIdOf(nodeError)): INodeExecutionData {
	const requestId = requestIdOf(nodeError);
	return {
		json: {
			error: {
				message: nodeError.message,
				...(nodeError.description ? { description: nodeError.description } : {}),
				...(requestId ? { requestId } : {}),
				...(endpointId ? { endpoint: endpointId } : {}),
			},
		},
		pairedItem: { item: itemIndex },
	};
}

/**
 * Bad input of one item as the NodeOperationError n8n shows: the field, the
 * item, the problem. An n8n error raised while checking it (the endpoint's
 * schema out of reach, say) stays what it is.
 */
export function inputError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (isNodeError(error)) return error;
	if (error instanceof FieldInputError) {
		return new NodeOperationError(context.getNode(), `Invalid ${error.field} in item ${itemIndex}: ${error.problem}`, { itemIndex });
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

export function isNodeError(error: unknown): error is NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError;
}

/** Older n8n has no cancel signal; newer aborts it when the execution is stopped. The editor's option loading has none. */
export function executionCancelSignal(context: IExecuteFunctions | ILoadOptionsFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context && typeof context.getExecutionCancelSignal === 'function' ? context.getExecutionCancelSignal() : undefined;
}

export function readNodeOptions(context: IExecuteFunctions, itemIndex: number): Required<NodeOptions> {
	const options = { ...NODE_OPTION_DEFAULTS, ...(context.getNodeParameter(NODE_OPTIONS_PARAMETER, itemIndex, {}) as NodeOptions) };
	if (!(options.maxWaitSeconds > 0)) throw new FieldInputError('Max Wait (Seconds)', `must be more than 0, got ${options.maxWaitSeconds}`);
	if (!(Number.isInteger(options.concurrency) && options.concurrency >= 1)) throw new FieldInputError('Concurrency', `must be a whole number of at least 1, got ${options.concurrency}`);
	if (!(options.pollIntervalMs >= 50)) throw new FieldInputError('Poll Interval (Ms)', `must be at least 50, got ${options.pollIntervalMs}`);
	if (!(Number.isInteger(options.maxRetries) && options.maxRetries >= 0)) throw new FieldInputError('Max Retries', `must be a whole number of at least 0, got ${options.maxRetries}`);
	if (!(options.retryDelayMs >= 0)) throw new FieldInputError('Retry Delay (Ms)', `must be at least 0, got ${options.retryDelayMs}`);
	if (!options.binaryPropertyPrefix.trim()) throw new FieldInputError('Output Binary Field', 'must not be empty');
	if (!(options.maxDownloadMb > 0)) throw new FieldInputError('Max Download Size (MB)', `must be more than 0, got ${options.maxDownloadMb}`);
	return options;
}

/**
 * The options that hold for the whole execution (concurrency, retries): the
 * first item's, or the defaults where those are invalid (that item then
 * fails on its own).
 */
export function firstItemOptions(context: IExecuteFunctions): Required<NodeOptions> {
	try {
		return readNodeOptions(context, 0);
	} catch {
		return NODE_OPTION_DEFAULTS;
	}
}

/** The node's retry settings for this execution: stopped by its cancel signal, retries logged. */
export function retryPolicyOf(context: IExecuteFunctions | ILoadOptionsFunctions, options: Required<Pick<NodeOptions, 'maxRetries' | 'retryDelayMs'>>): RetryPolicy {
	return {
		maxRetries: options.maxRetries,
		baseDelayMs: options.retryDelayMs,
		cancelSignal: executionCancelSignal(context),
		onRetry: ({ route, retry, delayMs, reason }) =>
			context.logger.warn(`fal.ai: ${route} request failed (${reason}); retry ${retry} of ${options.maxRetries} in ${Math.round(delayMs)} ms`),
	};
}

/**
 * Runs one action per input item, in order, for the actions that cost nothing
 * (queue lookups, uploads): a failing item stops the node, or becomes an error
 * item under continueOnFail. `run` throws n8n errors; anything else counts as
 * bad input of the item.
 */
export async function forEachItem(context: IExecuteFunctions, run: (itemIndex: number) => Promise<INodeExecutionData>): Promise<INodeExecutionData[][]> {
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

/**
 * Runs `task(0..count-1)` with at most `concurrency` at a time, starting them
 * in order; resolves when all started tasks have settled. `shouldStop` is
 * asked before each start: once it says so, no further task starts (those
 * running finish). Results are kept by index, so outputs stay in input order.
 */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>, shouldStop: () => boolean): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}
