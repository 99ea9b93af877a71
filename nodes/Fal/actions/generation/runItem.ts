import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { setAtPath } from '../../fields/anyEndpoint';
import { type UploadCache, uploadBinaryInput } from '../../helpers/inputFiles';
import { resultItem } from '../../helpers/outputFiles';
import type { NodeOptionValues } from '../../nodeOptions';
import { canceledBeforeSubmitError, stoppedError, toNodeError } from '../../transport/errors';
import { answerUrls, type SubmitOptions, submitRequest } from '../../transport/queue';
import type { FalConnection } from '../../transport/request';
import type { QueueRef, QueueStatus, SubmittedRequest } from '../../transport/types';
import { waitForResult } from '../../transport/wait';
import type { PlannedItem } from '../operation';

/** What the items of one execution share. */
export interface Execution {
	connection: FalConnection;
	uploads: UploadCache;
	cancelSignal: AbortSignal | undefined;
}

/**
 * One planned item through fal's queue: its files uploaded (once per file
 * per execution), submitted with the item's queue options, then waited for
 * and returned with its output as binary, or returned at once with its
 * request ID.
 */
export async function runPlannedItem(context: IExecuteFunctions, execution: Execution, itemIndex: number, item: PlannedItem): Promise<INodeExecutionData> {
	const { connection, uploads, cancelSignal } = execution;
	const { endpointId, fields, options } = item;
	const body: IDataObject = { ...item.plan.body };
	for (const input of item.plan.binaryFiles) {
		setAtPath(body, input.bodyPath, (await uploadBinaryInput(context, connection, itemIndex, input, uploads)).url);
	}
	if (cancelSignal?.aborted) throw canceledBeforeSubmitError(context.getNode(), itemIndex);

	const submitted = await submitRequest(connection, endpointId, body, submitOptionsOf(item));
	const requestId = submitted.request_id;
	if (!item.wait) return { json: submittedJson(submitted, endpointId, item.webhookUrl), pairedItem: { item: itemIndex } };

	// fal workflows are followed by the URLs their submission answered with (fal's docs: do not build them).
	const ref: QueueRef = { endpointId, requestId, urls: endpointId.startsWith('workflows/') ? answerUrls(submitted) : undefined };
	const maxWaitMs = options.maxWaitSeconds * 1000;
	const outcome = await waitForResult(connection, ref, {
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

/**
 * fal's queue options from the item's Node Options. Start Timeout, when not
 * set, is Max Wait while waiting: fal then starts nothing the node has
 * already given up on, even if n8n itself is gone.
 */
export function submitOptionsOf(item: Pick<PlannedItem, 'options' | 'wait' | 'webhookUrl'>): SubmitOptions {
	const options: NodeOptionValues = item.options;
	const derivedTimeout = item.wait && options.maxWaitSeconds > 1 ? Math.ceil(options.maxWaitSeconds) : undefined;
	return {
		webhookUrl: item.webhookUrl,
		startTimeoutSeconds: options.startTimeoutSeconds ?? derivedTimeout,
		priority: options.queuePriority,
		storePayloads: options.keepPayloads,
		outputLifetimeSeconds: options.outputLifetimeSeconds,
		maxQueueLength: options.maxQueueLength,
	};
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
