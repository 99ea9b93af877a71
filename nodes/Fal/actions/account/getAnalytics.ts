import type { INodeProperties } from 'n8n-workflow';
import { endpointLocator } from '../../fields/endpointLocator';
import { dateRange, readDateRange, readTimeframe, timeframe } from '../shared/platformParameters';
import { FieldInputError } from '../../request/fieldInputError';
import { collectPages } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { endpointOf } from '../model/get';
import { EXPAND_OF, recordsOf, type TimeSeriesAnswer, type View, viewParameter } from './records';

/** Account → Get Analytics: an endpoint's request counts, errors and durations (`GET /v1/models/analytics`). */

/** fal's metrics (fal-platform.md); durations in seconds. */
const METRICS: Array<[string, string]> = [
	['request_count', 'Request Count'],
	['success_count', 'Success Count'],
	['user_error_count', 'User Error Count'],
	['error_count', 'Error Count'],
	['p50_duration', 'P50 Duration (s)'],
	['p90_duration', 'P90 Duration (s)'],
	['p50_prepare_duration', 'P50 Prepare Duration (s)'],
	['cold_boot_count', 'Cold Boot Count'],
	['total_billable_duration', 'Total Billable Duration (s)'],
];

const getAnalyticsDescription: INodeProperties[] = [
	endpointLocator({}, 'The fal endpoint whose analytics to read', 'all'),
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: METRICS.map(([value, name]) => ({ name, value })),
		default: ['request_count', 'success_count', 'error_count', 'p50_duration'],
	},
	...dateRange('analytics from'),
	timeframe(),
	viewParameter('the chosen metrics'),
];

export const getAnalytics: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Get Analytics',
		value: 'getAnalytics',
		action: 'Get the analytics of a fal endpoint',
		description: 'Request counts, errors and durations of an endpoint',
	},
	properties: getAnalyticsDescription,
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const endpointId = endpointOf(context, itemIndex);
		const metrics = context.getNodeParameter('metrics', itemIndex, []) as string[];
		if (!Array.isArray(metrics) || metrics.length === 0)
			throw new FieldInputError('Metrics', 'choose at least one metric');
		const unknown = metrics.filter((metric) => !METRICS.some(([value]) => value === metric));
		if (unknown.length > 0)
			throw new FieldInputError(
				'Metrics',
				`${unknown.join(', ')} is not one of fal's metrics (${METRICS.map(([value]) => value).join(', ')})`,
			);
		const { start, end } = readDateRange(context, itemIndex);
		const view = context.getNodeParameter('view', itemIndex, 'summary') as View;
		const records = await collectPages<TimeSeriesAnswer, ReturnType<typeof recordsOf>[number]>(
			connection,
			{
				method: 'GET',
				path: '/models/analytics',
				query: [
					['endpoint_id', endpointId],
					['start', start],
					['end', end],
					['timezone', context.getTimezone()],
					['timeframe', readTimeframe(context, itemIndex)],
					// Repeated, as fal's list parameters are (endpoint_id too).
					...[EXPAND_OF[view], ...metrics].map((value): [string, string] => ['expand', value]),
				],
				action: `Account → Get Analytics (${endpointId})`,
			},
			(page) => recordsOf(page, view),
			{ pageSize: 100 },
		);
		return records.map((json) => ({ json }));
	},
};
