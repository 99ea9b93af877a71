/**
 * `GET /models/usage` (admin key): what the account's jobs cost, per
 * endpoint and unit (and per key with `expand=auth_method`), over the whole
 * window (`summary`, the default) and per bucket (`time_series`, paged by
 * bucket); and `GET /account/billing` (admin key): the credit left, which is
 * `balanceUsd` less every finished job's cost. Both read the charges each
 * successful job carries (costs.ts), dated when the job completed.
 */
import type { Job } from '../queue';
import { listParam, money, ok, pageOf, pageRequest, QueryError, validationError } from './answers';
import { type Handler, namesEndpoint } from './call';
import type { Charge } from './costs';
import { bucketed, inWindow, timeWindow } from './time';

const USAGE_EXPANSIONS = ['time_series', 'summary', 'auth_method'];

/** The username the billing route answers (the emulator's one account). */
export const EMULATOR_USERNAME = 'emulator-user';

interface Dated {
	charge: Charge;
	at: number;
	apiKey: string;
}

/**
 * How a usage line names the key a job was sent with: `api_key:` and the key
 * id (the part before the colon; never the secret).
 */
function authMethodOf(apiKey: string): string {
	return `api_key:${apiKey.split(':')[0]}`;
}

/** One line per endpoint, unit (and key): quantities and costs summed. */
function linesOf(entries: Dated[], byAuthMethod: boolean): Array<Record<string, unknown>> {
	const lines = new Map<
		string,
		{ charge: Charge; quantity: number; cost: number; authMethod: string }
	>();
	for (const { charge, apiKey } of entries) {
		const authMethod = authMethodOf(apiKey);
		const key = JSON.stringify([charge.endpointId, charge.unit, byAuthMethod ? authMethod : '']);
		const line = lines.get(key) ?? { charge, quantity: 0, cost: 0, authMethod };
		line.quantity += charge.quantity;
		line.cost += charge.cost;
		lines.set(key, line);
	}
	return [...lines.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([, line]) => ({
			endpoint_id: line.charge.endpointId,
			unit: line.charge.unit,
			quantity: money(line.quantity),
			unit_price: line.charge.unitPrice,
			cost_total: money(line.cost),
			currency: 'USD',
			...(byAuthMethod ? { auth_method: line.authMethod } : {}),
		}));
}

function datedCharges(jobs: Job[]): Dated[] {
	return jobs.flatMap((job) =>
		job.charges.map((charge) => ({
			charge,
			at: job.completedAt ?? job.submittedAt,
			apiKey: job.apiKey,
		})),
	);
}

export const usage: Handler = ({ query, data, now }) => {
	const window = timeWindow(query, now);
	const ids = listParam(query, 'endpoint_id');
	const expand = listParam(query, 'expand');
	const unknown = expand.find((value) => !USAGE_EXPANSIONS.includes(value));
	if (unknown)
		throw new QueryError(
			validationError(`expand takes ${USAGE_EXPANSIONS.join(', ')}, got ${unknown}`),
		);
	const request = pageRequest(query);
	const series = expand.includes('time_series');
	const byAuthMethod = expand.includes('auth_method');
	const entries = datedCharges(data.jobs()).filter(
		(entry) =>
			inWindow(entry.at, window) &&
			(ids.length === 0 || ids.some((id) => namesEndpoint(entry.charge.endpointId, id))),
	);
	const buckets = series
		? bucketed(entries, (entry) => entry.at, window).map(({ bucket, items }) => ({
				bucket: bucket.label,
				results: linesOf(items, byAuthMethod),
			}))
		: [];
	const { page, next_cursor, has_more } = pageOf(buckets, request);
	return ok({
		...(series ? { time_series: page } : {}),
		...(expand.includes('summary') || !series ? { summary: linesOf(entries, byAuthMethod) } : {}),
		next_cursor,
		has_more,
	});
};

export const billing: Handler = ({ query, data }) => {
	const expand = listParam(query, 'expand');
	const unknown = expand.find((value) => value !== 'credits');
	if (unknown) throw new QueryError(validationError(`expand takes credits, got ${unknown}`));
	const spent = data
		.jobs()
		.reduce((sum, job) => sum + job.charges.reduce((jobSum, charge) => jobSum + charge.cost, 0), 0);
	return ok({
		username: EMULATOR_USERNAME,
		...(expand.includes('credits')
			? { credits: { current_balance: money(data.settings.balanceUsd - spent), currency: 'USD' } }
			: {}),
	});
};
