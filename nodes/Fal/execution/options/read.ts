import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldInputError } from '../../request/fieldInputError';
import { NODE_OPTION_DEFAULTS, type NodeOptionValues } from './nodeOptions';
import { NODE_OPTIONS_PARAMETER, type NodeOptions } from './nodeOptions';

/** An item's Node Options, with their defaults, checked. */
export function readNodeOptions(context: IExecuteFunctions, itemIndex: number): NodeOptionValues {
	const options: NodeOptionValues = {
		...NODE_OPTION_DEFAULTS,
		...(context.getNodeParameter(NODE_OPTIONS_PARAMETER, itemIndex, {}) as NodeOptions),
	};
	if (!(options.maxWaitSeconds > 0))
		throw new FieldInputError(
			'Max Wait (Seconds)',
			`must be more than 0, got ${options.maxWaitSeconds}`,
		);
	if (options.concurrency !== undefined && !isWhole(options.concurrency, 1))
		throw new FieldInputError(
			'Concurrency',
			`must be a whole number of at least 1, got ${String(options.concurrency)}`,
		);
	if (!isWhole(options.maxConcurrency, 1))
		throw new FieldInputError(
			'Max Concurrency',
			`must be a whole number of at least 1, got ${options.maxConcurrency}`,
		);
	if (!(options.pollIntervalMs >= 50))
		throw new FieldInputError(
			'Poll Interval (Ms)',
			`must be at least 50, got ${options.pollIntervalMs}`,
		);
	if (!isWhole(options.maxRetries, 0))
		throw new FieldInputError(
			'Max Retries',
			`must be a whole number of at least 0, got ${options.maxRetries}`,
		);
	if (!(options.retryDelayMs >= 0))
		throw new FieldInputError(
			'Retry Delay (Ms)',
			`must be at least 0, got ${options.retryDelayMs}`,
		);
	if (!options.binaryPropertyPrefix.trim())
		throw new FieldInputError('Output Binary Field', 'must not be empty');
	if (!(options.maxDownloadMb > 0))
		throw new FieldInputError(
			'Max Download Size (MB)',
			`must be more than 0, got ${options.maxDownloadMb}`,
		);
	checkQueueOptions(options);
	return options;
}

function isWhole(value: unknown, minimum: number): boolean {
	return typeof value === 'number' && Number.isInteger(value) && value >= minimum;
}

/** The options sent to fal's queue and the cost ceiling: what fal (or the estimate) would reject, said before anything is sent. */
function checkQueueOptions(options: NodeOptionValues): void {
	const { maxCostUsd, startTimeoutSeconds, outputLifetimeSeconds, maxQueueLength } = options;
	if (maxCostUsd !== undefined && !(typeof maxCostUsd === 'number' && maxCostUsd >= 0)) {
		throw new FieldInputError(
			'Max Cost per Execution (USD)',
			`must be a number of at least 0, got ${String(maxCostUsd)}`,
		);
	}
	// fal's clients refuse a start timeout of 1 s or less.
	if (
		startTimeoutSeconds !== undefined &&
		!(typeof startTimeoutSeconds === 'number' && startTimeoutSeconds > 1)
	) {
		throw new FieldInputError(
			'Start Timeout (Seconds)',
			`must be more than 1, got ${String(startTimeoutSeconds)}`,
		);
	}
	if (outputLifetimeSeconds !== undefined && !isWhole(outputLifetimeSeconds, 1)) {
		throw new FieldInputError(
			'Output Files Lifetime (Seconds)',
			`must be a whole number of at least 1, got ${String(outputLifetimeSeconds)}`,
		);
	}
	if (maxQueueLength !== undefined && !isWhole(maxQueueLength, 0)) {
		throw new FieldInputError(
			'Max Queue Length',
			`must be a whole number of at least 0, got ${String(maxQueueLength)}`,
		);
	}
	if (options.queuePriority !== 'normal' && options.queuePriority !== 'low') {
		throw new FieldInputError(
			'Queue Priority',
			`must be normal or low, got ${JSON.stringify(options.queuePriority)}`,
		);
	}
}

/**
 * The options that hold for the whole execution (concurrency, retries): the
 * first item's, or the defaults where those are invalid (that item then
 * fails on its own).
 */
export function firstItemOptions(context: IExecuteFunctions): NodeOptionValues {
	try {
		return readNodeOptions(context, 0);
	} catch {
		return NODE_OPTION_DEFAULTS;
	}
}
