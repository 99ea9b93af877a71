import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { MODEL_PARAMETER, NODE_OPTION_DEFAULTS, NODE_OPTIONS_PARAMETER, type NodeOptions, OPERATION_PARAMETER } from '../description';
import { FieldInputError, planRequest, type RequestPlan } from '../fields/requestBody';
import { checkBinaryInput, uploadBinaryInput } from '../helpers/inputFiles';
import { downloadOutputImages } from '../helpers/outputImages';
import { type FalEndpointEntry, findModelEndpoint } from '../models';
import { requestIdOf, stoppedError, toNodeError } from '../transport/errors';
import { createFalClientFromCredentials, type FalClient, type FalCredentials, type QueueStatus } from '../transport/falClient';
import { submitRequest, waitForResult } from '../transport/queue';

interface PlannedItem {
	entry: FalEndpointEntry;
	plan: RequestPlan;
	options: Required<NodeOptions>;
}

/**
 * Runs the selected endpoint once per input item. Every item is checked first
 * (fields, binary inputs) so that bad input fails before any fal request is
 * paid for; then each item is uploaded, submitted, waited for and returned.
 */
export async function generate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();

	const planned: Array<PlannedItem | NodeOperationError> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			planned.push(await planItem(this, itemIndex));
		} catch (error) {
			const nodeError = inputError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			planned.push(nodeError);
		}
	}

	const credentials = await this.getCredentials<FalCredentials & IDataObject>('falApi');
	const client = createFalClientFromCredentials(credentials);
	// Older n8n has no cancel signal; newer aborts it when the execution is stopped.
	const cancelSignal = typeof this.getExecutionCancelSignal === 'function' ? this.getExecutionCancelSignal() : undefined;

	const results: INodeExecutionData[] = [];
	for (const [itemIndex, item] of planned.entries()) {
		if (item instanceof NodeOperationError) {
			results.push(errorItem(item, itemIndex));
			continue;
		}
		if (cancelSignal?.aborted) break;
		try {
			results.push(await runItem(this, client, itemIndex, item, cancelSignal));
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: toNodeError(this.getNode(), error, { itemIndex, endpointId: item.entry.endpoint.endpointId, endpoint: item.entry.endpoint });
			// A cancelled execution stops; it does not turn into error items.
			if (!continueOnFail || cancelSignal?.aborted) throw nodeError;
			results.push(errorItem(nodeError, itemIndex, item.entry.endpoint.endpointId));
		}
	}
	return [results];
}

/**
 * An item that failed, under continueOnFail: `json.error` holds what happened.
 * It is the item's only key because that is what n8n's engine looks for to
 * send the item down the error branch of "Continue (using error output)"
 * (merged there with the input item's fields); an item-level `error` would
 * make the engine replace the json with the bare message.
 */
function errorItem(nodeError: NodeApiError | NodeOperationError, itemIndex: number, endpointId?: string): INodeExecutionData {
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

async function planItem(context: IExecuteFunctions, itemIndex: number): Promise<PlannedItem> {
	const modelId = context.getNodeParameter(MODEL_PARAMETER, itemIndex) as string;
	const operation = context.getNodeParameter(OPERATION_PARAMETER, itemIndex) as string;
	const entry = findModelEndpoint(modelId, operation);
	if (!entry) throw new FieldInputError('Operation', `model "${modelId}" has no "${operation}" endpoint`);
	const plan = planRequest(entry.model, entry.endpoint, (name, fallback) => context.getNodeParameter(name, itemIndex, fallback));
	for (const input of plan.binaryFiles) await checkBinaryInput(context, itemIndex, input);
	return { entry, plan, options: readNodeOptions(context, itemIndex) };
}

function readNodeOptions(context: IExecuteFunctions, itemIndex: number): Required<NodeOptions> {
	const options = { ...NODE_OPTION_DEFAULTS, ...(context.getNodeParameter(NODE_OPTIONS_PARAMETER, itemIndex, {}) as NodeOptions) };
	if (!(options.maxWaitSeconds > 0)) throw new FieldInputError('Max Wait (Seconds)', `must be more than 0, got ${options.maxWaitSeconds}`);
	if (!(options.pollIntervalMs >= 50)) throw new FieldInputError('Poll Interval (Ms)', `must be at least 50, got ${options.pollIntervalMs}`);
	if (options.downloadImages && !options.binaryPropertyPrefix.trim()) throw new FieldInputError('Output Binary Field', 'must not be empty');
	return options;
}

async function runItem(context: IExecuteFunctions, client: FalClient, itemIndex: number, item: PlannedItem, cancelSignal: AbortSignal | undefined): Promise<INodeExecutionData> {
	const { endpoint } = item.entry;
	const { endpointId } = endpoint;
	const { options } = item;
	const body: IDataObject = { ...item.plan.body };
	for (const input of item.plan.binaryFiles) {
		body[input.field.name] = await uploadBinaryInput(context, client, itemIndex, input);
	}
	if (cancelSignal?.aborted) {
		throw new NodeOperationError(context.getNode(), `Execution canceled before item ${itemIndex} was submitted to fal`, { itemIndex });
	}

	const requestId = await submitRequest(client, endpointId, body);
	const maxWaitMs = options.maxWaitSeconds * 1000;
	const outcome = await waitForResult(client, endpointId, requestId, {
		cancelSignal,
		maxWaitMs,
		pollIntervalMs: options.pollIntervalMs,
		statusMode: options.statusMode,
		onStatus: progressReporter(context, itemIndex, endpointId, requestId),
	});
	if (outcome.status === 'stopped') throw stoppedError(context.getNode(), outcome, { itemIndex, requestId, maxWaitMs });
	if (outcome.status === 'failed') throw toNodeError(context.getNode(), outcome.error, { itemIndex, endpointId, endpoint, requestId });

	const json: IDataObject = { ...(outcome.output as IDataObject), requestId, endpoint: endpointId };
	if (!options.downloadImages) return { json, pairedItem: { item: itemIndex } };
	try {
		const downloaded = await downloadOutputImages(context, json, { prefix: options.binaryPropertyPrefix.trim(), requestId });
		return { json: downloaded.json, binary: downloaded.binary, pairedItem: { item: itemIndex } };
	} catch (error) {
		throw toNodeError(context.getNode(), error, { itemIndex, endpointId, requestId });
	}
}

/** Queue position and status changes, shown in the editor's console during manual runs. */
function progressReporter(context: IExecuteFunctions, itemIndex: number, endpointId: string, requestId: string) {
	let last = '';
	return (status: QueueStatus) => {
		const summary = status.status === 'IN_QUEUE' ? `IN_QUEUE (position ${status.queue_position})` : status.status;
		if (summary === last) return;
		last = summary;
		const message = `fal.ai item ${itemIndex}: ${endpointId} request ${requestId} ${summary}`;
		context.logger.debug(message);
		context.sendMessageToUI(message);
	};
}

function inputError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof FieldInputError) {
		return new NodeOperationError(context.getNode(), `Invalid ${error.field} in item ${itemIndex}: ${error.problem}`, { itemIndex });
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
