import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { endpointLocator } from '../../fields/endpointLocator';
import {
	dateRange,
	readDateRange,
	readLimit,
	returnAllAndLimit,
} from '../shared/platformParameters';
import { collectPages, type Page } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { endpointOf } from '../model/get';

/** Account → List Requests: an endpoint's request history (`GET /v1/models/requests/by-endpoint`), one item per request. */

const listRequestsDescription: INodeProperties[] = [
	endpointLocator({}, 'The fal endpoint whose requests to list', 'all'),
	...dateRange('requests that ended from'),
	{
		displayName: 'Request Status',
		name: 'requestStatus',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Success', value: 'success' },
			{ name: 'Error', value: 'error', description: 'A failure of fal or of the model' },
			{ name: 'User Error', value: 'user_error', description: 'Rejected input (422 and the like)' },
		],
		default: '',
	},
	{
		displayName: 'Include Payloads',
		name: 'includePayloads',
		type: 'boolean',
		default: false,
		description:
			"Whether to include each request's input and output JSON (json_input, json_output), when fal kept them",
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: [
			{ name: 'End Time', value: 'ended_at' },
			{ name: 'Duration', value: 'duration' },
		],
		default: 'ended_at',
	},
	...returnAllAndLimit('requests'),
];

export const listRequests: ItemOperation = {
	kind: 'item',
	option: {
		name: 'List Requests',
		value: 'listRequests',
		action: 'List the requests of a fal endpoint',
		description: "An endpoint's request history, with or without payloads",
	},
	properties: listRequestsDescription,
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const endpointId = endpointOf(context, itemIndex);
		const { start, end } = readDateRange(context, itemIndex);
		const requests = await collectPages<Page & { items?: IDataObject[] }, IDataObject>(
			connection,
			{
				method: 'GET',
				path: '/models/requests/by-endpoint',
				query: [
					['endpoint_id', endpointId],
					['start', start],
					['end', end],
					['status', context.getNodeParameter('requestStatus', itemIndex, '') as string],
					[
						'expand',
						context.getNodeParameter('includePayloads', itemIndex, false) === true
							? 'payloads'
							: undefined,
					],
					['sort_by', context.getNodeParameter('sortBy', itemIndex, 'ended_at') as string],
				],
				action: `Account → List Requests (${endpointId})`,
			},
			(page) => page.items ?? [],
			// fal serves at most 100 per page.
			{ limit: readLimit(context, itemIndex), pageSize: 100 },
		);
		return requests.map((json) => ({ json }));
	},
};
