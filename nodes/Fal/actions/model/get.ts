import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { checkEndpointId, endpointLocator } from '../../fields/endpointLocator';
import { FieldInputError } from '../../fields/values';
import { ENDPOINT_PARAMETER } from '../../parameters';
import { fieldsFromOpenApi, outputFieldsOfOpenApi } from '../../schema/openApi';
import { summariseFields } from '../../schema/summary';
import type { CatalogueEntry } from '../../transport/catalogue';
import { callPlatform, type Page } from '../../transport/platform';
import type { ItemOperation } from '../operation';
import { modelRecord } from './search';

/** Model → Get: one endpoint's metadata, with its input and output fields summarised from its OpenAPI schema. */

const show = { resource: ['model'], operation: ['get'] };

export const getDescription: INodeProperties[] = [
	endpointLocator(
		show,
		"The fal endpoint: search fal's catalogue, or give its ID or its fal.ai page URL",
		'all',
	),
];

/** The Endpoint locator's value, checked (Model → Get, Estimate Cost; Account → Get Analytics, List Requests). */
export function endpointOf(context: IExecuteFunctions, itemIndex: number): string {
	return checkEndpointId(
		context.getNodeParameter(ENDPOINT_PARAMETER, itemIndex, '', { extractValue: true }),
	);
}

export const get: ItemOperation = {
	kind: 'item',
	async execute(context, itemIndex, connection) {
		const endpointId = endpointOf(context, itemIndex);
		const action = `Model → Get (${endpointId})`;
		const page = await callPlatform<Page & { models?: CatalogueEntry[] }>(connection, {
			method: 'GET',
			path: '/models',
			query: [
				['endpoint_id', endpointId],
				['expand', 'openapi-3.0'],
			],
			action,
		});
		const entry = page.models?.find((model) => model.endpoint_id === endpointId);
		if (!entry)
			throw new FieldInputError('Endpoint', `fal's catalogue has no endpoint ${endpointId}`);
		const fields = entry.openapi
			? {
					input_fields: summariseFields(fieldsFromOpenApi(endpointId, entry.openapi).input),
					output_fields: summariseFields(outputFieldsOfOpenApi(entry.openapi)),
				}
			: {};
		return [{ json: { ...modelRecord(entry), ...fields } }];
	},
};
