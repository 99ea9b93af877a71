/**
 * `GET /models/analytics`: per asked endpoint, metrics of the jobs that ran
 * (dated when they completed), over the window (`summary`, the default) and
 * per bucket (`time_series`, paged by bucket, buckets without requests left
 * out). Durations are in seconds: a job's duration is its time IN_PROGRESS,
 * its prepare duration its time IN_QUEUE. The emulator has no cold boots.
 */
import { hasRun, type Job } from '../queue';
import {
	listParam,
	ok,
	pageOf,
	pageRequest,
	QueryError,
	requiredEndpointIds,
	validationError,
} from './answers';
import { type Handler, namesEndpoint, outcomeOf } from './call';
import { bucketed, inWindow, timeWindow } from './time';

type Ran = Job & { outcome: NonNullable<Job['outcome']>; startedAt: number; completedAt: number };

const duration = (job: Ran) => (job.completedAt - job.startedAt) / 1000;

/** Nearest-rank percentile; null without values. */
function percentile(values: number[], share: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
}

const METRICS: Record<string, (jobs: Ran[]) => number | null> = {
	request_count: (jobs) => jobs.length,
	success_count: (jobs) => jobs.filter((job) => outcomeOf(job.outcome.status) === 'success').length,
	user_error_count: (jobs) =>
		jobs.filter((job) => outcomeOf(job.outcome.status) === 'user_error').length,
	error_count: (jobs) => jobs.filter((job) => outcomeOf(job.outcome.status) === 'error').length,
	p50_duration: (jobs) => percentile(jobs.map(duration), 0.5),
	p90_duration: (jobs) => percentile(jobs.map(duration), 0.9),
	p50_prepare_duration: (jobs) =>
		percentile(
			jobs.map((job) => (job.startedAt - job.submittedAt) / 1000),
			0.5,
		),
	cold_boot_count: () => 0,
	// Only successful requests are billed (costs.ts).
	total_billable_duration: (jobs) =>
		jobs
			.filter((job) => outcomeOf(job.outcome.status) === 'success')
			.reduce((sum, job) => sum + duration(job), 0),
};

const ANALYTICS_METRICS = Object.keys(METRICS);

function rowsOf(
	jobs: Ran[],
	ids: string[],
	metrics: string[],
	keepEmpty: boolean,
): Array<Record<string, unknown>> {
	return ids.flatMap((endpointId) => {
		const own = jobs.filter((job) => namesEndpoint(job.endpointId, endpointId));
		if (own.length === 0 && !keepEmpty) return [];
		return [
			{
				endpoint_id: endpointId,
				...Object.fromEntries(metrics.map((metric) => [metric, METRICS[metric](own)])),
			},
		];
	});
}

export const analytics: Handler = ({ query, data, now }) => {
	const ids = requiredEndpointIds(query);
	const window = timeWindow(query, now);
	const expand = listParam(query, 'expand');
	const unknown = expand.find(
		(value) => value !== 'time_series' && value !== 'summary' && !METRICS[value],
	);
	if (unknown)
		throw new QueryError(
			validationError(
				`expand takes time_series, summary and metrics (${ANALYTICS_METRICS.join(', ')}), got ${unknown}`,
			),
		);
	const request = pageRequest(query);
	const asked = expand.filter((value) => METRICS[value]);
	// No metric named: all of them (the emulator's choice).
	const metrics = asked.length > 0 ? asked : ANALYTICS_METRICS;
	const series = expand.includes('time_series');
	const jobs = data
		.jobs()
		.filter(hasRun)
		.filter(
			(job) =>
				inWindow(job.completedAt, window) && ids.some((id) => namesEndpoint(job.endpointId, id)),
		);
	const buckets = series
		? bucketed(jobs, (job) => job.completedAt, window).map(({ bucket, items }) => ({
				bucket: bucket.label,
				results: rowsOf(items, ids, metrics, false),
			}))
		: [];
	const { page, next_cursor, has_more } = pageOf(buckets, request);
	return ok({
		...(series ? { time_series: page } : {}),
		...(expand.includes('summary') || !series ? { summary: rowsOf(jobs, ids, metrics, true) } : {}),
		next_cursor,
		has_more,
	});
};
