import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isNodeError } from '../../execution/errors/errorItems';
import { toNodeError } from '../../execution/errors/nodeErrors';
import { endpointLocator, legacyEndpointId } from '../../fields/endpointLocator';
import { FieldInputError } from '../../request/fieldInputError';
import { CURATED_FILES } from '../../schema/curated/index';
import type { QueueRef } from '../../transport/types';
import { appIdOf } from '../../transport/urls';
import {
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
} from '../parameterNames';
import { anyEndpointIdOf } from '../shared/endpoint';

/**
 * Requests already in fal's queue, by request ID: what a run without waiting
 * returned, or what fal's webhook carried to a Wait node. The Model selector
 * (Generation's) names the endpoint they were submitted to. Get Status, Get
 * Result and Cancel share these parameters; Verify Webhook needs none of
 * them: the call it checks carries its request.
 */

const REQUEST_ID_PARAMETER = 'requestId';
const show = { [RESOURCE_PARAMETER]: ['queueRequest'] };
const hide = { [OPERATION_PARAMETER]: ['verifyWebhook'] };

/** A Queue Request parameter that Verify Webhook does not show. */
function hidden(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			hide: { ...property.displayOptions?.hide, ...hide },
		},
	};
}

export const requestRefProperties: INodeProperties[] = [
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
];

/** The request an item names: its app (owner/alias, what fal's status, result and cancel routes take) and its ID. */
export function queueTargetOf(context: IExecuteFunctions, itemIndex: number): QueueRef {
	const modelId = context.getNodeParameter(MODEL_PARAMETER, itemIndex) as string;
	const endpointId =
		modelId === OTHER_MODEL
			? anyEndpointIdOf(context, itemIndex)
			: CURATED_FILES.find((model) => model.id === modelId)?.endpoints[0].endpointId;
	if (!endpointId) throw new FieldInputError('Model', `unknown model "${modelId}"`);
	const requestId = context.getNodeParameter(REQUEST_ID_PARAMETER, itemIndex, '');
	if (typeof requestId !== 'string' || requestId.trim() === '') {
		throw new FieldInputError(
			'Request ID',
			"is empty; map the requestId of a run with Wait for Completion off (or body.request_id of fal's webhook)",
		);
	}
	return { endpointId: appIdOf(endpointId), requestId: requestId.trim() };
}

/** Runs a queue call, its failures worded with the endpoint and the request ID. */
export async function onQueue<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	target: QueueRef,
	call: () => Promise<T>,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw isNodeError(error)
			? error
			: toNodeError(context.getNode(), error, {
					itemIndex,
					endpointId: target.endpointId,
					requestId: target.requestId,
				});
	}
}
