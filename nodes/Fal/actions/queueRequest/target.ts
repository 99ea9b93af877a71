import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldInputError } from '../../fields/values';
import { falModels } from '../../models';
import { MODEL_PARAMETER, OTHER_MODEL, REQUEST_ID_PARAMETER } from '../../parameters';
import { isNodeError } from '../../execution/errorItems';
import { toNodeError } from '../../transport/errors';
import type { QueueRef } from '../../transport/types';
import { appIdOf } from '../../transport/urls';
import { anyEndpointIdOf } from '../generation/target';

/** The request an item names: its app (owner/alias, what fal's status, result and cancel routes take) and its ID. */
export function queueTargetOf(context: IExecuteFunctions, itemIndex: number): QueueRef {
	const modelId = context.getNodeParameter(MODEL_PARAMETER, itemIndex) as string;
	const endpointId =
		modelId === OTHER_MODEL
			? anyEndpointIdOf(context, itemIndex)
			: falModels.find((model) => model.id === modelId)?.endpoints[0].endpointId;
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
