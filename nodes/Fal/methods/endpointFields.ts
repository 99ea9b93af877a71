import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { openConnection } from '../execution/connection';
import { toNodeError } from '../execution/errors/nodeErrors';
import { ENDPOINT_PARAMETER } from '../fields/endpointLocator';
import { mapperFields } from '../fields/mapperFields';
import { checkEndpointId } from '../request/endpointId';
import { endpointFieldsOf } from '../request/liveSchemas';

/** The Endpoint locator's value; nothing while none is chosen (or the node is not set up as Any fal Endpoint). */
function chosenEndpoint(context: ILoadOptionsFunctions): string | undefined {
	let value: unknown;
	try {
		value = context.getCurrentNodeParameter(ENDPOINT_PARAMETER, { extractValue: true });
	} catch {
		return undefined;
	}
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The Fields of "Any fal Endpoint": the chosen endpoint's OpenAPI input schema
 * as typed resource-mapper fields. The editor asks again whenever the
 * endpoint changes.
 */
export async function getEndpointFields(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const chosen = chosenEndpoint(this);
	if (!chosen)
		return { fields: [], emptyFieldsNotice: 'Choose an endpoint above to see its fields' };
	let endpointId: string;
	try {
		endpointId = checkEndpointId(chosen);
	} catch (error) {
		return { fields: [], emptyFieldsNotice: (error as Error).message };
	}
	const connection = await openConnection(this);
	try {
		const schema = await endpointFieldsOf(connection, endpointId);
		return {
			fields: mapperFields(schema),
			emptyFieldsNotice: `${endpointId} takes no input fields`,
		};
	} catch (error) {
		throw toNodeError(this.getNode(), error, { itemIndex: 0, endpointId });
	}
}
