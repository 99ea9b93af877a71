import { NODE_OPTION_PROPERTIES } from './definitions';

/**
 * Node Options as the execution reads them: their names, values and
 * defaults, and the groups operations declare them in.
 */

export const NODE_OPTIONS_PARAMETER = 'nodeOptions';

export interface NodeOptions {
	/** Download Files (named for its first meaning: saved workflows keep it). */
	downloadImages?: boolean;
	binaryPropertyPrefix?: string;
	maxDownloadMb?: number;
	maxWaitSeconds?: number;
	pollIntervalMs?: number;
	statusMode?: 'stream' | 'poll';
	/** Unset: Auto (execution/concurrency.ts), up to maxConcurrency. */
	concurrency?: number;
	maxConcurrency?: number;
	maxRetries?: number;
	retryDelayMs?: number;
	/** Generation: the execution's estimated cost may not pass it (unset: no ceiling). */
	maxCostUsd?: number;
	/** Generation: what an estimate that cannot be made means under a ceiling. */
	unknownCost?: 'refuse' | 'run';
	/** fal's queue options (fal-platform.md); unset ones are not sent. */
	startTimeoutSeconds?: number;
	queuePriority?: 'normal' | 'low';
	keepPayloads?: boolean;
	outputLifetimeSeconds?: number;
	maxQueueLength?: number;
}

export type NodeOptionName = keyof NodeOptions;

/** Options that do nothing until set: their default is only what the editor fills in when one is added. */
const UNSET_UNLESS_ADDED = [
	'concurrency',
	'maxCostUsd',
	'startTimeoutSeconds',
	'outputLifetimeSeconds',
	'maxQueueLength',
] as const;
type UnsetUnlessAdded = (typeof UNSET_UNLESS_ADDED)[number];

/** An item's options: every one with a value, except those that are off until added. */
export type NodeOptionValues = Required<Omit<NodeOptions, UnsetUnlessAdded>> &
	Pick<NodeOptions, UnsetUnlessAdded>;

/** The defaults of the options above, for items that do not set them. */
export const NODE_OPTION_DEFAULTS = Object.fromEntries(
	NODE_OPTION_PROPERTIES.filter(
		(option) => !(UNSET_UNLESS_ADDED as readonly string[]).includes(option.name),
	).map((option) => [option.name, option.default]),
) as unknown as NodeOptionValues;

/** Every request to fal: retried after passing faults. */
export const RETRY_OPTIONS = [
	'maxRetries',
	'retryDelayMs',
] as const satisfies readonly NodeOptionName[];

/** Where fal's output comes back: its files downloaded as binary. */
export const RESULT_FILE_OPTIONS = [
	'downloadImages',
	'maxDownloadMb',
	'binaryPropertyPrefix',
] as const satisfies readonly NodeOptionName[];

/** Where the node submits to fal's queue: how many at once, and fal's queue options. */
export const SUBMIT_OPTIONS = [
	'concurrency',
	'maxConcurrency',
	'keepPayloads',
	'maxQueueLength',
	'outputLifetimeSeconds',
	'queuePriority',
	'startTimeoutSeconds',
] as const satisfies readonly NodeOptionName[];

/** While the node waits in the execution for what it submitted. */
export const WAIT_OPTIONS = [
	'maxWaitSeconds',
	'pollIntervalMs',
	'statusMode',
] as const satisfies readonly NodeOptionName[];

/** Where the cost of an execution can be foreseen (Generation). */
export const COST_OPTIONS = [
	'maxCostUsd',
	'unknownCost',
] as const satisfies readonly NodeOptionName[];
