import {
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { FieldInputError } from '../../request/fieldInputError';
import { PlatformFailure } from '../../transport/platform';
import { endpointIdOf, requestIdOf } from './nodeErrors';
import { platformNodeError } from './platformErrors';

/** What a failing item becomes: the n8n error it throws, or the error item it leaves under continueOnFail. */

/**
 * An item that failed, under continueOnFail: `json.error` holds what happened.
 * It is the item's only key because that is what n8n's engine looks for to
 * send the item down the error branch of "Continue (using error output)"
 * (merged there with the input item's fields); an item-level `error` would
 * make the engine replace the json with the bare message.
 */
export function errorItem(
	nodeError: NodeApiError | NodeOperationError,
	itemIndex: number,
	endpointId = endpointIdOf(nodeError),
): INodeExecutionData {
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
function inputError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (isNodeError(error)) return error;
	if (error instanceof FieldInputError) {
		return new NodeOperationError(
			context.getNode(),
			`Invalid ${error.field} in item ${itemIndex}: ${error.problem}`,
			{ itemIndex },
		);
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

export function isNodeError(error: unknown): error is NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError;
}

/** What a failing item throws: n8n errors as they are, fal's Platform API errors worded, anything else as bad input of the item. */
export function nodeErrorOf(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (isNodeError(error)) return error;
	if (error instanceof PlatformFailure)
		return platformNodeError(context.getNode(), error, itemIndex);
	return inputError(context, error, itemIndex);
}
