import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { setAtPath } from '../fields/anyEndpoint';
import { FieldInputError } from '../fields/values';
import { checkBinaryInput, UploadCache, uploadBinaryInput } from '../helpers/inputFiles';
import { resultItem } from '../helpers/outputFiles';
import { NODE_OPTION_DEFAULTS } from '../nodeOptions';
import { type NodeOptions, RESOURCE_PARAMETER, WAIT_PARAMETER, WEBHOOK_URL_PARAMETER } from '../parameters';
import { EndpointSchemas } from '../schema/endpointSchemas';
import { canceledBeforeSubmitError, stoppedError, toNodeError } from '../transport/errors';
import { submitRequest } from '../transport/queue';
import { connectToFal, type FalConnection } from '../transport/request';
import type { QueueStatus, SubmittedRequest } from '../transport/types';
import { waitForResult } from '../transport/wait';
import { errorItem, executionCancelSignal, firstItemOptions, inputError, isNodeError, readNodeOptions, retryPolicyOf, runPool } from './items';
import { type RequestTarget, requestTargetOf } from './target';

/** Generation's own fields, after the endpoint's: whether to wait, and where fal reports back otherwise. */
export const generationProperties: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: WAIT_PARAMETER,
		type: 'boolean',
		default: true,
		description:
			"Whether to wait until fal has finished and return the output (its files as binary data). Off: return the request ID at once; get the output later with Queue Request → Get Result.",
		displayOptions: { show: { [RESOURCE_PARAMETER]: ['generation'] } },
	},
	{
		displayName: 'Webhook URL',
		name: WEBHOOK_URL_PARAMETER,
		type: 'string',
		default: '',
		placeholder: '{{ $execution.resumeUrl }}',
		description:
			'Optional. fal POSTs the outcome here when the request finishes. {{ $execution.resumeUrl }} resumes a later Wait node set to Resume "On Webhook Call" (HTTP method POST).',
		displayOptions: { show: { [RESOURCE_PARAMETER]: ['generation'], [WAIT_PARAMETER]: [false] } },
	},
];

interface PlannedItem extends RequestTarget {
	options: Required<NodeOptions>;
	wait: boolean;
	webhookUrl?: string;
}

/**
 * Runs the selected endpoint once per input item. Every item is checked first
 * (fields, binary inputs) so that bad input fails before any fal request is
 * paid for; then each item is uploaded, submitted, and either waited for and
 * returned with its output, or returned at once with its request ID.
 */
export async function generate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();

	// Live endpoints' schemas, fetched once per endpoint for all items (under item 0's retry settings).
	const schemas = new EndpointSchemas(async () => await connectToFal(this, retryPolicyOf(this, firstItemOptions(this))));
	const planned: Array<PlannedItem | NodeApiError | NodeOperationError> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			planned.push(await planItem(this, itemIndex, schemas));
		} catch (error) {
			const nodeError = inputError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			planned.push(nodeError);
		}
	}

	// Concurrency and retries are the execution's, so the first item's options set them.
	const { concurrency, ...firstOptions } = planned.find((item): item is PlannedItem => !isNodeError(item))?.options ?? NODE_OPTION_DEFAULTS;
	const connection = await connectToFal(this, retryPolicyOf(this, firstOptions));
	const cancelSignal = executionCancelSignal(this);
	const uploads = new UploadCache();

	// Items run side by side; their outputs keep the input order. Without
	// continueOnFail the first failure stops new items from starting and is
	// thrown once the running ones settle.
	const results: Array<INodeExecutionData | undefined> = new Array(planned.length);
	let failure: NodeApiError | NodeOperationError | undefined;
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
				results[itemIndex] = await runItem(this, { connection, uploads, cancelSignal }, itemIndex, item);
			} catch (error) {
				const nodeError = isNodeError(error)
					? error
					: cancelSignal?.aborted
						? // Stopped in an upload or a retry's backoff, before fal had the item.
							canceledBeforeSubmitError(this.getNode(), itemIndex)
						: toNodeError(this.getNode(), error, { itemIndex, endpointId: item.endpointId, fields: item.fields });
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

async function planItem(context: IExecuteFunctions, itemIndex: number, schemas: EndpointSchemas): Promise<PlannedItem> {
	const read = (name: string, fallback?: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const target = await requestTargetOf(context, itemIndex, read, schemas);
	for (const input of target.plan.binaryFiles) await checkBinaryInput(context, itemIndex, input);
	const wait = read(WAIT_PARAMETER, true) !== false;
	const webhookUrl = wait ? undefined : checkWebhookUrl(read(WEBHOOK_URL_PARAMETER, ''));
	return { ...target, options: readNodeOptions(context, itemIndex), wait, webhookUrl };
}

function checkWebhookUrl(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return undefined;
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
		throw new FieldInputError('Webhook URL', `must be an http(s) URL that fal can reach, got ${JSON.stringify(text.slice(0, 200))}`);
	}
	return text;
}

/** What the items of one execution share. */
interface Execution {
	connection: FalConnection;
	uploads: UploadCache;
	cancelSignal: AbortSignal | undefined;
}

async function runItem(context: IExecuteFunctions, execution: Execution, itemIndex: number, item: PlannedItem): Promise<INodeExecutionData> {
	const { connection, uploads, cancelSignal } = execution;
	const { endpointId, fields, options } = item;
	const body: IDataObject = { ...item.plan.body };
	for (const input of item.plan.binaryFiles) {
		setAtPath(body, input.bodyPath, (await uploadBinaryInput(context, connection, itemIndex, input, uploads)).url);
	}
	if (cancelSignal?.aborted) throw canceledBeforeSubmitError(context.getNode(), itemIndex);

	const submitted = await submitRequest(connection, endpointId, body, item.webhookUrl);
	const requestId = submitted.request_id;
	if (!item.wait) return { json: submittedJson(submitted, endpointId, item.webhookUrl), pairedItem: { item: itemIndex } };

	const maxWaitMs = options.maxWaitSeconds * 1000;
	const outcome = await waitForResult(connection, endpointId, requestId, {
		cancelSignal,
		maxWaitMs,
		pollIntervalMs: options.pollIntervalMs,
		statusMode: options.statusMode,
		onStatus: progressReporter(context, itemIndex, endpointId, requestId),
	});
	if (outcome.status === 'stopped') throw stoppedError(context.getNode(), outcome, { itemIndex, requestId, maxWaitMs });
	if (outcome.status === 'failed') throw toNodeError(context.getNode(), outcome.error, { itemIndex, endpointId, fields, requestId });
	try {
		return await resultItem(context, outcome.output, { requestId, endpointId, itemIndex }, { ...options, retries: connection.retries });
	} catch (error) {
		throw toNodeError(context.getNode(), error, { itemIndex, endpointId, requestId });
	}
}

/** What a submission without waiting returns: enough for Get Status, Get Result or Cancel later. */
function submittedJson(submitted: SubmittedRequest, endpointId: string, webhookUrl: string | undefined): IDataObject {
	return {
		requestId: submitted.request_id,
		endpoint: endpointId,
		status: submitted.status,
		queuePosition: submitted.queue_position,
		statusUrl: submitted.status_url,
		responseUrl: submitted.response_url,
		cancelUrl: submitted.cancel_url,
		...(webhookUrl ? { webhookUrl } : {}),
	};
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
