import type { INodeProperties } from 'n8n-workflow';
import { endpointLocator, legacyEndpointId } from '../../fields/endpointLocator';
import {
	INCLUDE_LOGS_PARAMETER,
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	type QueueOperation,
	RAW_BODY_FIELD_PARAMETER,
	RAW_BODY_PARAMETER,
	RAW_BODY_SOURCE_PARAMETER,
	REQUEST_ID_PARAMETER,
	RESOURCE_PARAMETER,
	WEBHOOK_HEADERS_PARAMETER,
} from '../../parameters';

/**
 * Requests already in fal's queue, by request ID: what a run without waiting
 * returned, or what fal's webhook carried to a Wait node. The Model selector
 * (Generation's) names the endpoint they were submitted to.
 */

const show = { [RESOURCE_PARAMETER]: ['queueRequest'] };
/** Verify Webhook needs no request ID or endpoint: the call it checks carries them. */
const hide = { [OPERATION_PARAMETER]: ['verifyWebhook'] };
const showVerify = { ...show, [OPERATION_PARAMETER]: ['verifyWebhook'] };

export const QUEUE_OPERATIONS: Record<
	QueueOperation,
	{ name: string; action: string; description: string }
> = {
	getStatus: {
		name: 'Get Status',
		action: 'Get the status of a fal request',
		description:
			'Whether a request is IN_QUEUE (with its queue position), IN_PROGRESS or COMPLETED, with its logs',
	},
	getResult: {
		name: 'Get Result',
		action: 'Get the result of a fal request',
		description:
			"A finished request's output, as a run that waits returns it (its files as binary data)",
	},
	cancel: {
		name: 'Cancel',
		action: 'Cancel a fal request',
		description: 'Ask fal to cancel a request that has not finished',
	},
	verifyWebhook: {
		name: 'Verify Webhook',
		action: 'Verify that a webhook call came from fal',
		description:
			"Check fal's signature on a call to a Webhook or Wait node (its raw body and headers): valid, or invalid with the reason",
	},
};

export const queueRequestDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: OPERATION_PARAMETER,
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: Object.entries(QUEUE_OPERATIONS).map(([value, operation]) => ({
			...operation,
			value,
		})),
		default: 'getResult',
	},
	hidden(
		legacyEndpointId(
			{ ...show, [MODEL_PARAMETER]: [OTHER_MODEL] },
			'The endpoint the request was submitted to, as owner/alias[/path] (the "endpoint" of the submission\'s output)',
		),
	),
	hidden(
		endpointLocator(
			{ ...show, [MODEL_PARAMETER]: [OTHER_MODEL] },
			'The endpoint the request was submitted to (the "endpoint" of the submission\'s output)',
		),
	),
	{
		displayName: 'Request ID',
		name: REQUEST_ID_PARAMETER,
		type: 'string',
		required: true,
		// A run without waiting outputs `requestId`; fal's webhook, as a Wait node outputs it, has `body.request_id`.
		default: '={{ $json.requestId ?? $json.body?.request_id }}',
		description:
			"The fal request ID: the requestId of a run with Wait for Completion off, or body.request_id of fal's webhook call",
		displayOptions: { show, hide },
	},
	{
		displayName: 'Include Logs',
		name: INCLUDE_LOGS_PARAMETER,
		type: 'boolean',
		default: true,
		description: "Whether to include the request's logs",
		displayOptions: { show: { ...show, [OPERATION_PARAMETER]: ['getStatus'] } },
	},
	{
		displayName: 'Raw Body From',
		name: RAW_BODY_SOURCE_PARAMETER,
		type: 'options',
		options: [
			{
				name: 'Binary Field',
				value: 'binary',
				description:
					"The body exactly as received: the Webhook or Wait node's Raw Body option puts it in a binary field",
			},
			{
				name: 'Text',
				value: 'text',
				description: 'The body as text, byte for byte as fal sent it',
			},
		],
		default: 'binary',
		description:
			'Where the raw body of the call is. The signature covers its exact bytes, so a body parsed and written out again may not match.',
		displayOptions: { show: showVerify },
	},
	{
		displayName: 'Raw Body Binary Field',
		name: RAW_BODY_FIELD_PARAMETER,
		type: 'string',
		default: 'data',
		description:
			'The binary field that holds the raw body (the Webhook and Wait nodes name it "data")',
		displayOptions: { show: { ...showVerify, [RAW_BODY_SOURCE_PARAMETER]: ['binary'] } },
	},
	{
		displayName: 'Raw Body',
		name: RAW_BODY_PARAMETER,
		type: 'string',
		default: '',
		description: 'The body of the call as text, exactly as fal sent it',
		displayOptions: { show: { ...showVerify, [RAW_BODY_SOURCE_PARAMETER]: ['text'] } },
	},
	{
		displayName: 'Headers',
		name: WEBHOOK_HEADERS_PARAMETER,
		type: 'json',
		default: '={{ $json.headers }}',
		description: "The call's headers as an object, with fal's four X-Fal-Webhook-* headers",
		displayOptions: { show: showVerify },
	},
];

/** A Queue Request field that Verify Webhook does not show. */
function hidden(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			hide: { ...property.displayOptions?.hide, ...hide },
		},
	};
}
