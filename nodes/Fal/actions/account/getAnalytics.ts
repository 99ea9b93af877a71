import type { INodeProperties } from 'n8n-workflow';
import { endpointLocator } from '../../fields/endpointLocator';
import {
	dateRange,
	readDateRange,
	readTimeframe,
	timeframe,
} from '../../fields/platformParameters';
import { FieldInputError } from '../../fields/values';
import { collectPages } from '../../transport/platform';
import type { ItemOperation } from '../operation';
import { endpointOf } from '../model/get';
import { EXPAND_OF, recordsOf, type TimeSeriesAnswer, type View, viewParameter } from './records';

/** Account → Get Analytics: an endpoint's request counts, errors and durations (`GET /v1/models/analytics`). */

const show = { resource: ['account'], operation: ['getAnalytics'] };

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

export const getAnalyticsDescription: INodeProperties[] = [
	endpointLocator(show, 'The fal endpoint whose analytics to read', 'all'),
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: METRICS.map(([value, name]) => ({ name, value })),
		default: ['request_count', 'success_count', 'error_count', 'p50_duration'],
		displayOptions: { show },
	},
	...dateRange(show, 'analytics from'),
	timeframe(show),
	viewParameter(show, 'the chosen metrics'),
];

export const getAnalytics: ItemOperation = {
	kind: 'item',
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
