import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { checkEndpointId } from '../../request/endpointId';
import { endpointLocator } from '../../fields/endpointLocator';
import { FieldInputError } from '../../request/fieldInputError';
import { ENDPOINT_PARAMETER } from '../../fields/endpointLocator';
import { fieldsFromOpenApi, outputFieldsOfOpenApi } from '../../schema/openApi';
import { summariseFields } from '../../schema/summary';
import type { CatalogueEntry } from '../../transport/catalogue';
import { callPlatform, type Page } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { modelRecord } from './search';

/** Model → Get: one endpoint's metadata, with its input and output fields summarised from its OpenAPI schema. */

const getDescription: INodeProperties[] = [
	endpointLocator(
		{},
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
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a fal model',
		description: "An endpoint's metadata with its input and output fields",
	},
	properties: getDescription,
	nodeOptions: RETRY_OPTIONS,
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
