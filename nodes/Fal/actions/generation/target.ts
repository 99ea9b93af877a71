import type { IExecuteFunctions } from 'n8n-workflow';
import { planJsonRequest, type InputMode } from '../../fields/anyEndpoint';
import { checkEndpointId } from '../../fields/endpointLocator';
import { planFromFields } from '../../fields/mapperBody';
import { planRequest, type ParameterReader, type RequestPlan } from '../../fields/requestBody';
import { FieldInputError } from '../../fields/values';
import { findModelEndpoint } from '../../models';
import type { EndpointFields } from '../../models/types';
import {
	ENDPOINT_ID_PARAMETER,
	ENDPOINT_PARAMETER,
	INPUT_FIELDS_PARAMETER,
	INPUT_MODE_PARAMETER,
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
} from '../../parameters';
import type { EndpointSchemas } from '../../schema/endpointSchemas';
import { schemaUnavailableError } from '../../transport/errors';

/** What one item is sent to, and with what: the checked request, the fields its errors are named by. */
export interface RequestTarget {
	endpointId: string;
	fields?: Pick<EndpointFields, 'input'>;
	plan: RequestPlan;
}

/**
 * The endpoint an item runs and its checked request: a curated model's
 * parameters, or "Any fal Endpoint" with typed fields (checked against the
 * endpoint's live schema) or JSON. Nothing is uploaded or submitted here.
 */
export async function requestTargetOf(
	context: IExecuteFunctions,
	itemIndex: number,
	read: ParameterReader,
	schemas: EndpointSchemas,
): Promise<RequestTarget> {
	const modelId = read(MODEL_PARAMETER) as string;
	if (modelId !== OTHER_MODEL) {
		const operation = read(OPERATION_PARAMETER) as string;
		const entry = findModelEndpoint(modelId, operation);
		if (!entry)
			throw new FieldInputError('Operation', `model "${modelId}" has no "${operation}" endpoint`);
		return {
			endpointId: entry.endpoint.endpointId,
			fields: entry.endpoint,
			plan: planRequest(entry.model, entry.endpoint, read),
		};
	}
	const endpointId = anyEndpointIdOf(context, itemIndex);
	const mode =
		context.getNode().typeVersion < 2
			? 'json'
			: (read(INPUT_MODE_PARAMETER, 'fields') as InputMode);
	if (mode === 'json') return { endpointId, plan: planJsonRequest(read) };
	const fields = await schemas
		.get(endpointId)
		.catch((error: unknown) =>
			Promise.reject(schemaUnavailableError(context.getNode(), error, { itemIndex, endpointId })),
		);
	const mapped = (read(INPUT_FIELDS_PARAMETER, {}) ?? {}) as {
		value?: Record<string, unknown> | null;
	};
	return { endpointId, fields, plan: planFromFields(fields, (mapped.value ?? {}) as never) };
}

/** "Any fal Endpoint"'s endpoint: version 1's Endpoint ID, version 2's Endpoint locator. */
export function anyEndpointIdOf(context: IExecuteFunctions, itemIndex: number): string {
	if (context.getNode().typeVersion < 2)
		return checkEndpointId(context.getNodeParameter(ENDPOINT_ID_PARAMETER, itemIndex, ''));
	return checkEndpointId(
		context.getNodeParameter(ENDPOINT_PARAMETER, itemIndex, '', { extractValue: true }),
	);
}
