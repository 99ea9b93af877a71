import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { openConnection } from '../execution/connection';
import { runEachItem } from '../execution/eachItem';
import { firstItemOptions } from '../execution/options/read';
import { runSubmissions } from '../execution/submissions';
import type { Operation } from './operation';
import { DEFAULT_RESOURCE, OPERATION_PARAMETER, RESOURCE_PARAMETER } from './parameterNames';
import { RESOURCES } from './resources';

/**
 * Reads the resource and operation and hands the operation to the execution
 * layer: the item loop (execution/eachItem.ts) or the submit engine
 * (execution/submissions.ts). Nothing else happens here.
 */
export async function route(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = operationOf(context);
	const connection = await openConnection(context, firstItemOptions(context));
	if (operation.kind === 'submit') return await runSubmissions(context, operation, connection);
	return await runEachItem(
		context,
		async (itemIndex) => await operation.execute(context, itemIndex, connection),
	);
}

function operationOf(context: IExecuteFunctions): Operation {
	// Workflows saved before the resource selector existed have no resource: they are generations.
	const value = context.getNodeParameter(RESOURCE_PARAMETER, 0, DEFAULT_RESOURCE) as string;
	const resource = RESOURCES.find((candidate) => candidate.option.value === value);
	const chosen = resource?.defaultOperation
		? (context.getNodeParameter(OPERATION_PARAMETER, 0) as string)
		: undefined;
	const operation = resource?.defaultOperation
		? resource.operations.find((candidate) => candidate.option.value === chosen)
		: resource?.operations[0];
	if (operation) return operation;
	// The editor adds "Custom API Call" to the resources of nodes with an authenticating credential.
	throw new NodeOperationError(
		context.getNode(),
		`Resource "${value}" is not one of this node's: use an HTTP Request node with the fal.ai credential (Predefined Credential Type) for custom API calls`,
	);
}
