import type { INodeProperties } from 'n8n-workflow';
import {
	dateRange,
	readDateRange,
	readTimeframe,
	timeframe,
} from '../../fields/platformParameters';
import { checkEndpointIds } from '../../fields/endpointLocator';
import { collectPages } from '../../transport/platform';
import type { ItemOperation } from '../operation';
import { adminKeyNotice } from './adminKey';
import { EXPAND_OF, recordsOf, type TimeSeriesAnswer, type View, viewParameter } from './records';

/**
 * Account → Get Usage (admin key): what the account used and spent, per
 * endpoint and unit (`GET /v1/models/usage`), as a summary of the period or
 * a time series; one item per line.
 */

const show = { resource: ['account'], operation: ['getUsage'] };

export const getUsageDescription: INodeProperties[] = [
	adminKeyNotice('usageAdminNotice', show),
	...dateRange(show, 'usage from'),
	timeframe(show),
	{
		displayName: 'Endpoint IDs',
		name: 'usageEndpoints',
		type: 'string',
		default: '',
		placeholder: 'fal-ai/flux/dev',
		description: 'Only the usage of these endpoints (comma-separated); empty: every endpoint',
		displayOptions: { show },
	},
	viewParameter(show, 'quantity, unit price and cost'),
];

export const getUsage: ItemOperation = {
	kind: 'item',
	async execute(context, itemIndex, connection) {
		const { start, end } = readDateRange(context, itemIndex);
		const view = context.getNodeParameter('view', itemIndex, 'summary') as View;
		const endpoints = checkEndpointIds(
			context.getNodeParameter('usageEndpoints', itemIndex, ''),
			'Endpoint IDs',
		);
		const records = await collectPages<TimeSeriesAnswer, ReturnType<typeof recordsOf>[number]>(
			connection,
			{
				method: 'GET',
				path: '/models/usage',
				query: [
					['start', start],
					['end', end],
					['timezone', context.getTimezone()],
					['timeframe', readTimeframe(context, itemIndex)],
					...endpoints.map((id): [string, string] => ['endpoint_id', id]),
					['expand', EXPAND_OF[view]],
				],
				action: 'Account → Get Usage',
				admin: true,
			},
			(page) => recordsOf(page, view),
			{ pageSize: 100 },
		);
		return records.map((json) => ({ json }));
	},
};
