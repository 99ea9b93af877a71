import {
	type IExecuteFunctions,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import type { PlannedItem } from './plannedItem';
import { PlatformFailure } from '../transport/platform';
import { platformNodeError } from './errors/platformErrors';
import { fetchPrices, type Price } from '../transport/pricing';
import type { FalConnection } from '../transport/request';
import { estimateUnits } from './costEstimate';

/**
 * Node Options → Max Cost per Execution: before anything is uploaded or
 * submitted, fal's price for each endpoint of the execution is read and the
 * cost of every planned item estimated. Over the ceiling, or (by default)
 * when some item's cost cannot be foreseen, the execution fails with the
 * estimate and fal receives nothing.
 */

/** Dollars with cents, and the fractions of a cent that prices and small estimates have: $0.50, $0.015, $0.0025. */
function usd(amount: number, decimals = 4): string {
	const [whole, fraction = ''] = amount.toFixed(decimals).split('.');
	return `$${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

interface Line {
	endpointId: string;
	items: number[];
	units: number;
	price: Price;
	bases: Set<string>;
}

export async function checkCostCeiling(
	context: IExecuteFunctions,
	connection: FalConnection,
	planned: Array<{ itemIndex: number; item: PlannedItem }>,
): Promise<void> {
	// A ceiling is the execution's: the first runnable item's options set it, as they set concurrency.
	const options = planned[0]?.item.options;
	const ceiling = options?.maxCostUsd;
	if (ceiling === undefined || !options) return;
	const endpointIds = [...new Set(planned.map(({ item }) => item.endpointId))];
	let prices: Map<string, Price>;
	try {
		prices = await fetchPrices(
			connection,
			endpointIds,
			"reading fal's prices for Max Cost per Execution",
		);
	} catch (error) {
		const reason =
			error instanceof PlatformFailure ? platformNodeError(context.getNode(), error, 0) : undefined;
		throw new NodeApiError(
			context.getNode(),
			{ message: reason?.message ?? String(error) } as JsonObject,
			{
				message: `Could not read fal's price for ${endpointIds.join(', ')}: ${reason?.message ?? String(error)}`,
				description: [
					reason?.description,
					'Max Cost per Execution is set, so the cost must be estimated before anything is sent: nothing was.',
				]
					.filter(Boolean)
					.join('\n'),
			},
		);
	}

	const lines = new Map<string, Line>();
	const unknown: string[] = [];
	for (const { itemIndex, item } of planned) {
		const price = prices.get(item.endpointId);
		if (!price) {
			unknown.push(`item ${itemIndex}: fal lists no price for ${item.endpointId}`);
			continue;
		}
		if (price.currency && price.currency.toUpperCase() !== 'USD') {
			unknown.push(
				`item ${itemIndex}: fal prices ${item.endpointId} in ${price.currency}, not USD`,
			);
			continue;
		}
		const estimate = estimateUnits(price.unit, item.plan.body, item.fields);
		if ('unknown' in estimate) {
			unknown.push(`item ${itemIndex}: ${item.endpointId} is ${estimate.unknown}`);
			continue;
		}
		const line = lines.get(item.endpointId) ?? {
			endpointId: item.endpointId,
			items: [],
			units: 0,
			price,
			bases: new Set<string>(),
		};
		line.items.push(itemIndex);
		line.units += estimate.units;
		line.bases.add(estimate.basis);
		lines.set(item.endpointId, line);
	}
	const total = [...lines.values()].reduce(
		(sum, line) => sum + line.units * line.price.unit_price,
		0,
	);
	const breakdown = [...lines.values()].map(
		(line) =>
			`${line.endpointId}: ${line.items.length} item${line.items.length === 1 ? '' : 's'} (${[...line.bases].slice(0, 3).join('; ')}${line.bases.size > 3 ? '; …' : ''}), ` +
			`${+line.units.toFixed(4)} × ${usd(line.price.unit_price, 6)} per ${line.price.unit} = ${usd(line.units * line.price.unit_price)}`,
	);
	const summary = `Estimated cost ${usd(total)} for ${planned.length - unknown.length} item${planned.length - unknown.length === 1 ? '' : 's'}; Max Cost per Execution ${usd(ceiling)}`;
	context.logger.info(`fal.ai: ${summary}`);

	if (total > ceiling) {
		throw new NodeOperationError(
			context.getNode(),
			`Estimated cost ${usd(total)} is over Max Cost per Execution (${usd(ceiling)}): nothing was sent to fal`,
			{
				description: [
					...breakdown,
					...unknown.map((line) => `Not estimated: ${line}`),
					'Raise Node Options → Max Cost per Execution (USD), or run fewer items.',
				].join('\n'),
			},
		);
	}
	if (unknown.length > 0 && options.unknownCost !== 'run') {
		throw new NodeOperationError(
			context.getNode(),
			`The cost of ${unknown.length} item${unknown.length === 1 ? '' : 's'} cannot be estimated before running, and Max Cost per Execution is set: nothing was sent to fal`,
			{
				description: [
					...unknown.slice(0, 10),
					...(unknown.length > 10 ? [`… and ${unknown.length - 10} more`] : []),
					...(breakdown.length ? [`What can be estimated: ${summary}.`, ...breakdown] : []),
					'Set Node Options → When Cost Cannot Be Estimated to Run to run anyway (the ceiling then bounds only what can be estimated).',
				].join('\n'),
			},
		);
	}
	if (unknown.length > 0)
		context.logger.warn(
			`fal.ai: the cost of ${unknown.length} items cannot be estimated; running anyway (When Cost Cannot Be Estimated: Run)`,
		);
}
