import type { IExecuteFunctions } from 'n8n-workflow';
import { ENDPOINT_ID_PARAMETER, ENDPOINT_PARAMETER } from '../../fields/endpointLocator';
import { checkEndpointId } from '../../request/endpointId';

/** "Any fal Endpoint"'s endpoint, as an item gives it: version 1's Endpoint ID, version 2's Endpoint locator. */
export function anyEndpointIdOf(context: IExecuteFunctions, itemIndex: number): string {
	if (context.getNode().typeVersion < 2)
		return checkEndpointId(context.getNodeParameter(ENDPOINT_ID_PARAMETER, itemIndex, ''));
	return checkEndpointId(
		context.getNodeParameter(ENDPOINT_PARAMETER, itemIndex, '', { extractValue: true }),
	);
}
