import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isoDateOf } from '../../request/dates';
import { FieldInputError } from '../../request/fieldInputError';

/**
 * Parameters the Platform API operations share (Model, Account, Workflow):
 * Return All or a Limit over fal's pages, a date range, a timeframe. Each
 * operation lists them among its own properties.
 */

const RETURN_ALL_PARAMETER = 'returnAll';
const LIMIT_PARAMETER = 'limit';
const START_PARAMETER = 'start';
const END_PARAMETER = 'end';
const TIMEFRAME_PARAMETER = 'timeframe';

export function returnAllAndLimit(records: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: RETURN_ALL_PARAMETER,
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: LIMIT_PARAMETER,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: `Max number of ${records} to return`,
			displayOptions: { show: { [RETURN_ALL_PARAMETER]: [false] } },
		},
	];
}

/** How many records to collect; undefined for all of them. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter(RETURN_ALL_PARAMETER, itemIndex, false) === true) return undefined;
	const limit = context.getNodeParameter(LIMIT_PARAMETER, itemIndex, 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
		throw new FieldInputError(
			'Limit',
			`must be a whole number of at least 1, got ${String(limit)}`,
		);
	return limit;
}

export function dateRange(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Start',
			name: START_PARAMETER,
			type: 'dateTime',
			default: '',
			description: `The start of the period (${what}): a date and time, an ISO date, or an expression such as {{ $today.minus({ days: 1 }) }}. Empty: fal's default.`,
		},
		{
			displayName: 'End',
			name: END_PARAMETER,
			type: 'dateTime',
			default: '',
			description: 'The end of the period (exclusive). Empty: now.',
		},
	];
}

/** The date range in ISO 8601, read in the workflow's timezone; checked that it runs forwards. */
export function readDateRange(
	context: IExecuteFunctions,
	itemIndex: number,
): { start?: string; end?: string } {
	const timezone = context.getTimezone();
	const start = isoDateOf(
		context.getNodeParameter(START_PARAMETER, itemIndex, ''),
		'Start',
		timezone,
	);
	const end = isoDateOf(context.getNodeParameter(END_PARAMETER, itemIndex, ''), 'End', timezone);
	if (start && end && Date.parse(start) >= Date.parse(end))
		throw new FieldInputError('End', `(${end}) must come after Start (${start})`);
	return { start, end };
}

export function timeframe(): INodeProperties {
	return {
		displayName: 'Timeframe',
		name: TIMEFRAME_PARAMETER,
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'auto', description: 'The bucket size fal picks for the period' },
			{ name: 'Day', value: 'day' },
			{ name: 'Hour', value: 'hour' },
			{ name: 'Minute', value: 'minute' },
			{ name: 'Month', value: 'month' },
			{ name: 'Week', value: 'week' },
		],
		default: 'auto',
		description: 'The size of each time bucket of a time series',
	};
}

export function readTimeframe(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = context.getNodeParameter(TIMEFRAME_PARAMETER, itemIndex, 'auto') as string;
	return value === 'auto' ? undefined : value;
}
