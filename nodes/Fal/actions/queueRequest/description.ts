import type { INodeProperties } from 'n8n-workflow';
import { endpointLocator, legacyEndpointId } from '../../fields/endpointLocator';
import { INCLUDE_LOGS_PARAMETER, MODEL_PARAMETER, OPERATION_PARAMETER, OTHER_MODEL, type QueueOperation, REQUEST_ID_PARAMETER, RESOURCE_PARAMETER } from '../../parameters';

/**
 * Requests already in fal's queue, by request ID: what a run without waiting
 * returned, or what fal's webhook carried to a Wait node. The Model selector
 * (Generation's) names the endpoint they were submitted to.
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

export const queueRequestDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: OPERATION_PARAMETER,
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: Object.entries(QUEUE_OPERATIONS).map(([value, operation]) => ({ ...operation, value })),
		default: 'getResult',
	},
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
