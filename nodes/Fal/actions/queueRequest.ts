import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError } from 'n8n-workflow';
import { endpointLocator, legacyEndpointId } from '../fields/endpointLocator';
import { FieldInputError } from '../fields/values';
import { resultItem } from '../helpers/outputFiles';
import { falModels } from '../models';
import {
	INCLUDE_LOGS_PARAMETER,
	MODEL_PARAMETER,
	type NodeOptions,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	type QueueOperation,
	REQUEST_ID_PARAMETER,
	RESOURCE_PARAMETER,
} from '../parameters';
import { notFinishedError, toNodeError } from '../transport/errors';
import { cancelQueuedRequest, fetchResult, fetchStatus } from '../transport/queue';
import { connectToFal, type FalConnection } from '../transport/request';
import type { QueueStatus } from '../transport/types';
import { appIdOf } from '../transport/urls';
import { firstItemOptions, forEachItem, inputError, isNodeError, readNodeOptions, retryPolicyOf } from './items';
import { anyEndpointIdOf } from './target';

/**
 * Requests already in fal's queue, by request ID: what a run without waiting
 * returned, or what fal's webhook carried to a Wait node. Nothing here is
 * billed, so items simply run one after another.
 */

const show = { [RESOURCE_PARAMETER]: ['queueRequest'] };

export const QUEUE_OPERATIONS: Record<QueueOperation, { name: string; action: string; description: string }> = {
	getStatus: {
		name: 'Get Status',
		action: 'Get the status of a fal request',
		description: 'Whether a request is IN_QUEUE (with its queue position), IN_PROGRESS or COMPLETED, with its logs',
	},
	getResult: {
		name: 'Get Result',
		action: 'Get the result of a fal request',
		description: "A finished request's output, as a run that waits returns it (its files as binary data)",
	},
	cancel: {
		name: 'Cancel',
		action: 'Cancel a fal request',
		description: 'Ask fal to cancel a request that has not finished',
	},
};

export const queueOperationSelector: INodeProperties = {
	displayName: 'Operation',
	name: OPERATION_PARAMETER,
	type: 'options',
	noDataExpression: true,
	displayOptions: { show },
	options: Object.entries(QUEUE_OPERATIONS).map(([value, operation]) => ({ ...operation, value })),
	default: 'getResult',
};

export const queueRequestProperties: INodeProperties[] = [
	legacyEndpointId({ ...show, [MODEL_PARAMETER]: [OTHER_MODEL] }, 'The endpoint the request was submitted to, as owner/alias[/path] (the "endpoint" of the submission\'s output)'),
	endpointLocator({ ...show, [MODEL_PARAMETER]: [OTHER_MODEL] }, 'The endpoint the request was submitted to (the "endpoint" of the submission\'s output)'),
	{
		displayName: 'Request ID',
		name: REQUEST_ID_PARAMETER,
		type: 'string',
		required: true,
		// A run without waiting outputs `requestId`; fal's webhook, as a Wait node outputs it, has `body.request_id`.
		default: '={{ $json.requestId ?? $json.body?.request_id }}',
		description: "The fal request ID: the requestId of a run with Wait for Completion off, or body.request_id of fal's webhook call",
		displayOptions: { show },
	},
	{
		displayName: 'Include Logs',
		name: INCLUDE_LOGS_PARAMETER,
		type: 'boolean',
		default: true,
		description: "Whether to include the request's logs",
		displayOptions: { show: { ...show, [OPERATION_PARAMETER]: ['getStatus'] } },
	},
];

interface QueueTarget {
	/** The app (owner/alias): what fal's status, result and cancel routes take. */
	endpointId: string;
	requestId: string;
	/** Get Result's download options (the defaults where they are hidden). */
	options: Required<NodeOptions>;
}

export async function queueRequest(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter(OPERATION_PARAMETER, 0) as QueueOperation;
	const connection = await connectToFal(this, retryPolicyOf(this, firstItemOptions(this)));
	return await forEachItem(this, async (itemIndex) => {
		let target: QueueTarget;
		try {
			target = readTarget(this, itemIndex);
		} catch (error) {
			throw inputError(this, error, itemIndex);
		}
		try {
			return await runOperation(this, connection, operation, target, itemIndex);
		} catch (error) {
			throw isNodeError(error) ? error : toNodeError(this.getNode(), error, { itemIndex, endpointId: target.endpointId, requestId: target.requestId });
		}
	});
}

function readTarget(context: IExecuteFunctions, itemIndex: number): QueueTarget {
	const modelId = context.getNodeParameter(MODEL_PARAMETER, itemIndex) as string;
	const endpointId = modelId === OTHER_MODEL ? anyEndpointIdOf(context, itemIndex) : falModels.find((model) => model.id === modelId)?.endpoints[0].endpointId;
	if (!endpointId) throw new FieldInputError('Model', `unknown model "${modelId}"`);
	const requestId = context.getNodeParameter(REQUEST_ID_PARAMETER, itemIndex, '');
	if (typeof requestId !== 'string' || requestId.trim() === '') {
		throw new FieldInputError('Request ID', 'is empty; map the requestId of a run with Wait for Completion off (or body.request_id of fal\'s webhook)');
	}
	return { endpointId: appIdOf(endpointId), requestId: requestId.trim(), options: readNodeOptions(context, itemIndex) };
}

async function runOperation(
	context: IExecuteFunctions,
	connection: FalConnection,
	operation: QueueOperation,
	target: QueueTarget,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const { endpointId, requestId, options } = target;
	const pairedItem = { item: itemIndex };
	switch (operation) {
		case 'getStatus': {
			const logs = context.getNodeParameter(INCLUDE_LOGS_PARAMETER, itemIndex, true) as boolean;
			const status = await fetchStatus(connection, endpointId, requestId, logs);
			return { json: { requestId, endpoint: endpointId, ...statusJson(status) }, pairedItem };
		}
		case 'getResult': {
			const status = await fetchStatus(connection, endpointId, requestId, false);
			if (status.status !== 'COMPLETED') throw notFinishedError(context.getNode(), status, { itemIndex, endpointId, requestId });
			const output = await fetchResult(connection, endpointId, requestId);
			return await resultItem(context, output, { requestId, endpointId, itemIndex }, { ...options, retries: connection.retries });
		}
		case 'cancel': {
			const answer = await cancelQueuedRequest(connection, endpointId, requestId);
			return { json: { requestId, endpoint: endpointId, status: answer, cancelled: answer === 'CANCELLATION_REQUESTED' }, pairedItem };
		}
		default:
			throw new NodeOperationError(context.getNode(), `Unknown queue operation "${String(operation)}"`, { itemIndex });
	}
}

/** fal's status in the node's naming: status, queuePosition, logs, metrics. */
function statusJson(status: QueueStatus): IDataObject {
	return {
		status: status.status,
		...('queue_position' in status ? { queuePosition: status.queue_position } : {}),
		...('logs' in status && status.logs ? { logs: status.logs } : {}),
		...('metrics' in status && status.metrics ? { metrics: status.metrics } : {}),
		...(status.response_url ? { responseUrl: status.response_url } : {}),
	};
}
