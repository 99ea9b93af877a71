import type { INodeProperties } from 'n8n-workflow';
import { WAIT_PARAMETER } from '../waitParameters';

/**
 * Node Options: how the node runs items, retries, waits for fal and what it
 * returns, each defined once here. Their defaults are written as literals
 * (n8n leaves a parameter at its default out of the saved workflow, so a
 * default is part of what every saved workflow means); nodeOptions.ts reads
 * them back. Which operations show which option, each operation declares
 * (its `nodeOptions`); description/nodeOptions.ts puts them together.
 */

/** Options that matter only while the node waits for what it submitted. */
const WHILE_WAITING = { show: { [`/${WAIT_PARAMETER}`]: [true] } };

export const NODE_OPTION_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 4,
		description:
			"A fixed number of items that run at the same time (upload, submit, wait); 1 runs them one after another. Not set: Auto, which runs as many as fal runs at once for the account (up to Max Concurrency) and keeps at most 4 waiting in fal's queue. Outputs keep the input order.",
	},
	{
		displayName: 'Download Files',
		name: 'downloadImages',
		type: 'boolean',
		default: true,
		description:
			'Whether to download the output files (images, video, audio, archives…) into binary fields; otherwise only their URLs are returned. Data URIs are always stored as binary, never left in the JSON.',
	},
	{
		displayName: 'Keep Payloads',
		name: 'keepPayloads',
		type: 'boolean',
		default: true,
		description:
			"Whether fal keeps the request's input and output JSON in its request history (30 days). Off sends X-Fal-Store-IO: 0: nothing is kept, List Requests shows no payloads.",
	},
	{
		displayName: 'Max Concurrency',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 44,
		description:
			"With Concurrency not set (Auto): the most of this execution's requests at fal at once, running or waiting in its queue. 44: fal runs 2 to 40 requests of an account at a time (by its credit), and Auto keeps up to 4 more waiting to take a slot as soon as it frees.",
	},
	{
		displayName: 'Max Cost per Execution (USD)',
		name: 'maxCostUsd',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 1,
		description:
			"Before anything is uploaded or sent, the node reads fal's price for the endpoint and estimates what all items will cost (per image: images per item; per megapixel: image size × images; per second: the duration field; per 1,000 characters: the text). Above this, the execution fails and fal receives nothing.",
	},
	{
		displayName: 'Max Download Size (MB)',
		name: 'maxDownloadMb',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1024,
		description:
			'Output files larger than this are not downloaded: their URL stays in the JSON and a warning is logged',
	},
	{
		displayName: 'Max Queue Length',
		name: 'maxQueueLength',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 10,
		description:
			"When the endpoint's queue at fal is longer than this, fal refuses the request (429) instead of queueing it: the item fails at once, nothing is billed. Not set: fal always queues.",
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 5,
		description:
			'How often a request to fal is tried again after a passing fault (429, 502, 503, 504, a dropped connection). A submission is repeated only when fal certainly did not take it, so no job runs twice. 0 turns retries off.',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description:
			'How long to wait for fal after submitting. When it passes, the fal request is cancelled and the item fails with its request ID.',
		displayOptions: WHILE_WAITING,
	},
	{
		displayName: 'Output Binary Field',
		name: 'binaryPropertyPrefix',
		type: 'string',
		default: 'image',
		description:
			'Binary field for the first image; the next ones get _1, _2, … appended (image, image_1, image_2). Other files go to video, audio and file (video_1, …).',
	},
	{
		displayName: 'Output Files Lifetime (Seconds)',
		name: 'outputLifetimeSeconds',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 86400,
		description:
			"How long fal's CDN keeps the generated files (3600 = 1 hour, 86400 = 1 day); after that their URLs answer 404. Not set: fal's default. The node downloads them as binary before then when Download Files is on.",
	},
	{
		displayName: 'Poll Interval (Ms)',
		name: 'pollIntervalMs',
		type: 'number',
		typeOptions: { minValue: 50 },
		default: 500,
		description: 'Milliseconds between status checks when polling',
		displayOptions: WHILE_WAITING,
	},
	{
		displayName: 'Queue Priority',
		name: 'queuePriority',
		type: 'options',
		options: [
			{ name: 'Normal', value: 'normal' },
			{
				name: 'Low',
				value: 'low',
				description:
					"Waits behind every normal request in fal's queue: for work that is not urgent",
			},
		],
		default: 'normal',
	},
	{
		displayName: 'Retry Delay (Ms)',
		name: 'retryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description:
			'The wait before the first retry; it doubles with each retry (up to 30 s). When fal says how long to wait (Retry-After), that wins.',
	},
	{
		displayName: 'Start Timeout (Seconds)',
		name: 'startTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 2, numberPrecision: 0 },
		default: 600,
		description:
			'A request that has waited longer than this (queue included) is never started by fal, even if n8n has gone: fal answers 504 and runs nothing. Not set: Max Wait when waiting, none otherwise.',
	},
	{
		displayName: 'Status Updates',
		name: 'statusMode',
		type: 'options',
		options: [
			{
				name: 'Stream',
				value: 'stream',
				description: "Follow fal's status stream; fall back to polling if it is unavailable",
			},
			{
				name: 'Poll',
				value: 'poll',
				description: 'Ask for the status every poll interval (for proxies that buffer streams)',
			},
		],
		default: 'stream',
		displayOptions: WHILE_WAITING,
	},
	{
		displayName: 'When Cost Cannot Be Estimated',
		name: 'unknownCost',
		type: 'options',
		options: [
			{
				name: 'Refuse',
				value: 'refuse',
				description: 'Fail the execution before anything is sent',
			},
			{
				name: 'Run',
				value: 'run',
				description: 'Run anyway; the ceiling then bounds only what can be estimated',
			},
		],
		default: 'refuse',
		description:
			'With Max Cost per Execution set: what to do when fal prices the endpoint in a unit the node cannot foresee (compute seconds, or an output size the input does not fix)',
	},
];
