/**
 * The request history, `GET /models/requests/by-endpoint`: the jobs of an
 * endpoint that ran (dated when they ended), newest first (or longest first),
 * their payloads with `expand=payloads` unless the job was submitted with
 * `X-Fal-Store-IO: 0`, ran in sync mode (fal keeps no output then, its
 * schemas say) or had its payloads deleted; and that deletion,
 * `DELETE /models/requests/{request_id}/payloads` (admin key), which also
 * removes the job's output files from the CDN (its inputs stay).
 */
import { hasRun, type Job } from '../queue';
import {
	type Answer,
	enumParam,
	listParam,
	notFound,
	ok,
	pageOf,
	pageRequest,
	QueryError,
	validationError,
} from './answers';
import { type Handler, namesEndpoint, type Outcome, outcomeOf } from './call';
import { inWindow, timeWindow } from './time';

type Ran = Job & { outcome: NonNullable<Job['outcome']>; startedAt: number; completedAt: number };

const iso = (at: number) => new Date(at).toISOString();
const duration = (job: Ran) => (job.completedAt - job.startedAt) / 1000;

function itemOf(job: Ran, withPayloads: boolean): Record<string, unknown> {
	const kept = withPayloads && job.options.storeIo && !job.payloadsDeleted;
	return {
		request_id: job.requestId,
		endpoint_id: job.endpointId,
		started_at: iso(job.startedAt),
		sent_at: iso(job.submittedAt),
		ended_at: iso(job.completedAt),
		status_code: job.outcome.status,
		duration: duration(job),
		...(kept ? { json_input: job.input } : {}),
		...(kept && job.input.sync_mode !== true ? { json_output: job.outcome.body } : {}),
	};
}

export const requestsByEndpoint: Handler = ({ query, data, now }) => {
	const endpointId = query.get('endpoint_id');
	if (!endpointId) throw new QueryError(validationError('endpoint_id is required'));
	const window = timeWindow(query, now);
	const status = enumParam<Outcome>(query, 'status', ['success', 'error', 'user_error']);
	const sortBy = enumParam(query, 'sort_by', ['ended_at', 'duration']) ?? 'ended_at';
	const expand = listParam(query, 'expand');
	const unknown = expand.find((value) => value !== 'payloads');
	if (unknown) throw new QueryError(validationError(`expand takes payloads, got ${unknown}`));
	const requestId = query.get('request_id');
	const request = pageRequest(query);
	const jobs = data
		.jobs()
		.filter(hasRun)
		.filter(
			(job) =>
				namesEndpoint(job.endpointId, endpointId) &&
				inWindow(job.completedAt, window) &&
				(!status || outcomeOf(job.outcome.status) === status) &&
				(!requestId || job.requestId === requestId),
		);
	jobs.sort(
		(a, b) =>
			(sortBy === 'duration' ? duration(b) - duration(a) : 0) ||
			b.completedAt - a.completedAt ||
			b.sequence - a.sequence,
	);
	const { page, next_cursor, has_more } = pageOf(jobs, request);
	return ok({
		items: page.map((job) => itemOf(job, expand.includes('payloads'))),
		next_cursor,
		has_more,
	});
};

export const deletePayloads: Handler = ({ params, headers, data }): Answer => {
	const idempotencyKey =
		typeof headers['idempotency-key'] === 'string' ? headers['idempotency-key'] : undefined;
	const earlier =
		idempotencyKey === undefined ? undefined : data.idempotentAnswers.get(idempotencyKey);
	if (earlier) return earlier;
	const [requestId] = params;
	const job = data.jobs().find((candidate) => candidate.requestId === requestId);
	if (!job) return notFound(`Request ${requestId} not found`);
	job.payloadsDeleted = true;
	// Files already gone (deleted before, or expired) are not listed again.
	const deleted = job.outputFiles.filter((url) => data.store.deleteByUrl(url));
	const answer = ok({ cdn_delete_results: deleted.map((link) => ({ link, exception: null })) });
	if (idempotencyKey !== undefined) data.idempotentAnswers.set(idempotencyKey, answer);
	return answer;
};
