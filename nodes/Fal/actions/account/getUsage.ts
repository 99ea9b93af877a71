import type { INodeProperties } from 'n8n-workflow';
import { dateRange, readDateRange, readTimeframe, timeframe } from '../shared/platformParameters';
import { checkEndpointIds } from '../../request/endpointId';
import { collectPages } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { adminKeyNotice } from './adminKey';
import { EXPAND_OF, recordsOf, type TimeSeriesAnswer, type View, viewParameter } from './records';

/**
 * Account → Get Usage (admin key): what the account used and spent, per
 * endpoint and unit (`GET /v1/models/usage`), as a summary of the period or
 * a time series; one item per line.
 */

const getUsageDescription: INodeProperties[] = [
	adminKeyNotice('usageAdminNotice'),
	...dateRange('usage from'),
	timeframe(),
	{
		displayName: 'Endpoint IDs',
		name: 'usageEndpoints',
		type: 'string',
		default: '',
		placeholder: 'fal-ai/flux/dev',
		description: 'Only the usage of these endpoints (comma-separated); empty: every endpoint',
	},
	viewParameter('quantity, unit price and cost'),
];

export const getUsage: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Get Usage',
		value: 'getUsage',
		action: 'Get the fal account usage',
		description: 'What the account used and spent, per endpoint (admin key)',
	},
	properties: getUsageDescription,
	nodeOptions: RETRY_OPTIONS,
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
