import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { setAtPath } from '../request/jsonBody';
import { type UploadCache, uploadBinaryInput } from '../request/inputFiles';
import { resultItem } from './outputFiles';
import type { NodeOptionValues } from './options/nodeOptions';
import { canceledBeforeSubmitError, stoppedError, toNodeError } from './errors/nodeErrors';
import { answerUrls, type SubmitOptions, submitRequest } from '../transport/queue';
import type { FalConnection } from '../transport/request';
import type { QueueRef, QueueStatus, SubmittedRequest } from '../transport/types';
import { waitForResult } from '../transport/wait';
import type { Ticket } from './concurrency';
import { type RunStop, StoppedByRun } from './runStop';
import type { PlannedItem } from './plannedItem';

/** What the items of one execution share. */
export interface Execution {
	connection: FalConnection;
	uploads: UploadCache;
	cancelSignal: AbortSignal | undefined;
	/** The run stopping early: nothing more is sent, queued requests are cancelled. */
	stop: RunStop;
	/** Without Continue On Fail, an item's failure stops the run. */
	stopOnFailure: boolean;
}

/**
 * One planned item through fal's queue: its files uploaded (once per file
 * per execution), submitted with the item's queue options, then waited for
 * and returned with its output as binary, or returned at once with its
 * request ID.
 */
export async function runPlannedItem(
	context: IExecuteFunctions,
	execution: Execution,
	itemIndex: number,
	item: PlannedItem,
	ticket: Ticket,
): Promise<INodeExecutionData> {
	const { connection, uploads, cancelSignal, stop } = execution;
	const { endpointId, fields, options } = item;
	const body: IDataObject = { ...item.plan.body };
	for (const input of item.plan.binaryFiles) {
		setAtPath(
			body,
			input.bodyPath,
			(await uploadBinaryInput(context, connection, itemIndex, input, uploads)).url,
		);
	}
	// Auto concurrency: submitted only while few of the run's requests wait in fal's queue.
	await ticket.mayQueue();
	if (cancelSignal?.aborted) throw canceledBeforeSubmitError(context.getNode(), itemIndex);
	if (stop.stopped) throw new StoppedByRun(itemIndex);

	stop.submitted++;
	const submitted = await submitRequest(connection, endpointId, body, submitOptionsOf(item));
	const requestId = submitted.request_id;
	if (!item.wait) {
		// Nothing to wait for: its place goes to the next item at once.
		ticket.running();
		stop.submittedOnly.push(requestId);
		return {
			json: submittedJson(submitted, endpointId, item.webhookUrl),
			pairedItem: { item: itemIndex },
		};
	}

	// fal workflows are followed by the URLs their submission answered with (fal's docs: do not build them).
	const ref: QueueRef = {
		endpointId,
		requestId,
		urls: endpointId.startsWith('workflows/') ? answerUrls(submitted) : undefined,
	};
	const maxWaitMs = options.maxWaitSeconds * 1000;
	const report = progressReporter(context, itemIndex, endpointId, requestId);
	const watched = stop.watch(itemIndex);
	const outcome = await waitForResult(connection, ref, {
		cancelSignal,
		stopSignal: watched.signal,
		maxWaitMs,
		pollIntervalMs: options.pollIntervalMs,
		statusMode: options.statusMode,
		onStatus: (status) => {
			if (status.status !== 'IN_QUEUE') {
				// Running at fal: the gate may start the next item, and a stop leaves this one to finish.
				stop.release(itemIndex);
				ticket.running();
			}
			// Finished at fal: its place there is free while the output downloads.
			if (status.status === 'COMPLETED') ticket.leftFal();
			report(status);
		},
		// Max Wait ends the run too: its queued requests are cancelled before this one, whose slot fal would otherwise give them.
		beforeCancel: async (reason) => {
			if (reason !== 'maxWait' || !execution.stopOnFailure) return;
			stop.release(itemIndex);
			await stop.stop();
		},
	}).finally(() => {
		stop.release(itemIndex);
		watched.ended();
		ticket.leftFal();
	});
	if (outcome.status === 'stopped' && outcome.reason === 'runStopped')
		throw new StoppedByRun(itemIndex);
	if (outcome.status === 'stopped')
		throw stoppedError(context.getNode(), outcome, { itemIndex, requestId, maxWaitMs });
	if (outcome.status === 'failed')
		throw toNodeError(context.getNode(), outcome.error, {
			itemIndex,
			endpointId,
			fields,
			requestId,
		});
	try {
		const result = await resultItem(
			context,
			outcome.output,
			{ requestId, endpointId, itemIndex },
			{ ...options, retries: connection.retries },
		);
		stop.finished.push(requestId);
		return result;
	} catch (error) {
		throw toNodeError(context.getNode(), error, { itemIndex, endpointId, requestId });
	}
}

/**
 * fal's queue options from the item's Node Options. Start Timeout, when not
 * set, is Max Wait while waiting: fal then starts nothing the node has
 * already given up on, even if n8n itself is gone.
 */
function submitOptionsOf(
	item: Pick<PlannedItem, 'options' | 'wait' | 'webhookUrl'>,
): SubmitOptions {
	const options: NodeOptionValues = item.options;
	const derivedTimeout =
		item.wait && options.maxWaitSeconds > 1 ? Math.ceil(options.maxWaitSeconds) : undefined;
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
function submittedJson(
	submitted: SubmittedRequest,
	endpointId: string,
	webhookUrl: string | undefined,
): IDataObject {
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
function progressReporter(
	context: IExecuteFunctions,
	itemIndex: number,
	endpointId: string,
	requestId: string,
) {
	let last = '';
	return (status: QueueStatus) => {
		const summary =
			status.status === 'IN_QUEUE' ? `IN_QUEUE (position ${status.queue_position})` : status.status;
		if (summary === last) return;
		last = summary;
		const message = `fal.ai item ${itemIndex}: ${endpointId} request ${requestId} ${summary}`;
		context.logger.debug(message);
		context.sendMessageToUI(message);
	};
}
