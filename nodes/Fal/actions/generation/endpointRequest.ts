import type { IExecuteFunctions } from 'n8n-workflow';
import { planJsonRequest } from '../../request/jsonBody';
import { planFromFields } from '../../request/mapperBody';
import { planRequest } from '../../request/curatedBody';
import type { ParameterReader } from '../../request/plan';
import { FieldInputError } from '../../request/fieldInputError';
import { findCuratedEndpoint } from '../../schema/curated/index';
import {
	INPUT_FIELDS_PARAMETER,
	INPUT_MODE_PARAMETER,
	type InputMode,
} from '../../request/parameterNames';
import { MODEL_PARAMETER, OPERATION_PARAMETER, OTHER_MODEL } from '../parameterNames';
import type { LiveSchemas } from '../../request/liveSchemas';
import { anyEndpointIdOf } from '../shared/endpoint';
import type { RequestTarget } from '../../execution/plannedItem';
import { schemaUnavailableError } from '../../execution/errors/nodeErrors';

/**
 * The endpoint an item runs and its checked request: a curated endpoint's
 * parameters, or "Any fal Endpoint" with typed fields (checked against the
 * endpoint's live schema) or JSON. Nothing is uploaded or submitted here.
 */
export async function requestTargetOf(
	context: IExecuteFunctions,
	itemIndex: number,
	read: ParameterReader,
	schemas: LiveSchemas,
): Promise<RequestTarget> {
	const modelId = read(MODEL_PARAMETER) as string;
	if (modelId !== OTHER_MODEL) {
		const operation = read(OPERATION_PARAMETER) as string;
		const entry = findCuratedEndpoint(modelId, operation);
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
