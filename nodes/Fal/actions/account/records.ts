import type { IDataObject } from 'n8n-workflow';

/**
 * fal's usage and analytics answers as records, one item each: a summary's
 * lines, or each line of each time bucket with its bucket beside it (ready
 * for a sheet row or a chart).
 */

export interface TimeSeriesAnswer {
	time_series?: Array<{ bucket: string; results?: IDataObject[] }>;
	summary?: IDataObject[] | IDataObject;
	next_cursor?: string | null;
	has_more?: boolean;
}

export type View = 'summary' | 'timeSeries';

/** fal's `expand` value for a view. */
export const EXPAND_OF: Record<View, string> = { summary: 'summary', timeSeries: 'time_series' };

export function recordsOf(answer: TimeSeriesAnswer, view: View): IDataObject[] {
	if (view === 'summary')
		return Array.isArray(answer.summary) ? answer.summary : answer.summary ? [answer.summary] : [];
	return (answer.time_series ?? []).flatMap((bucket) =>
		(bucket.results ?? []).map((line) => ({ bucket: bucket.bucket, ...line })),
	);
}

export const viewParameter = (what: string) => ({
	displayName: 'Output',
	name: 'view',
	type: 'options' as const,
	options: [
		{
			name: 'Summary',
			value: 'summary',
			description: `One item per endpoint (and unit) for the whole period: ${what}`,
		},
		{
			name: 'Time Series',
			value: 'timeSeries',
			description: 'One item per endpoint per time bucket (see Timeframe)',
		},
	],
	default: 'summary',
});
