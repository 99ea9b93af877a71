import type { INodeProperties } from 'n8n-workflow';
import { NODE_OPTIONS_PARAMETER, type NodeOptions, OPERATION_PARAMETER, RESOURCE_PARAMETER, WAIT_PARAMETER } from './parameters';

/**
 * Node Options: how the node runs items, retries, waits for fal and what it
 * returns. Their defaults are written here, once, as literals (n8n leaves a
 * parameter at its default out of the saved workflow, so a default is part of
 * what every saved workflow means); NODE_OPTION_DEFAULTS reads them back.
 */

/** Options for the images of a result: a generation's, or Get Result's. */
const withResults = { hide: { [`/${OPERATION_PARAMETER}`]: ['getStatus', 'cancel', 'upload'] } };

/** Options that matter only while the node waits for a generation. */
const whileWaiting = { [`/${RESOURCE_PARAMETER}`]: ['generation'], [`/${WAIT_PARAMETER}`]: [true] };

export const nodeOptions: INodeProperties = {
	displayName: 'Node Options',
	name: NODE_OPTIONS_PARAMETER,
	type: 'collection',
	placeholder: 'Add Node Option',
	default: {},
	description: 'How the node runs items, retries, waits for fal and what it returns',
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 4,
			description: 'How many items run at the same time (upload, submit, wait); 1 runs them one after another. Outputs keep the input order.',
			displayOptions: { show: { [`/${RESOURCE_PARAMETER}`]: ['generation'] } },
		},
		{
			displayName: 'Download Files',
			name: 'downloadImages',
			type: 'boolean',
			default: true,
			description:
				'Whether to download the output files (images, video, audio, archives…) into binary fields; otherwise only their URLs are returned. Data URIs are always stored as binary, never left in the JSON.',
			displayOptions: withResults,
		},
		{
			displayName: 'Max Download Size (MB)',
			name: 'maxDownloadMb',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1024,
			description: 'Output files larger than this are not downloaded: their URL stays in the JSON and a warning is logged',
			displayOptions: withResults,
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 5,
			description:
				"How often a request to fal is tried again after a passing fault (429, 502, 503, 504, a dropped connection). A submission is repeated only when fal certainly did not take it, so no job runs twice. 0 turns retries off.",
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description: 'How long to wait for fal after submitting. When it passes, the fal request is cancelled and the item fails with its request ID.',
			displayOptions: { show: whileWaiting },
		},
		{
			displayName: 'Output Binary Field',
			name: 'binaryPropertyPrefix',
			type: 'string',
			default: 'image',
			description: 'Binary field for the first image; the next ones get _1, _2, … appended (image, image_1, image_2). Other files go to video, audio and file (video_1, …).',
			displayOptions: withResults,
		},
		{
			displayName: 'Poll Interval (Ms)',
			name: 'pollIntervalMs',
			type: 'number',
			typeOptions: { minValue: 50 },
			default: 500,
			description: 'Milliseconds between status checks when polling',
			displayOptions: { show: whileWaiting },
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description: "The wait before the first retry; it doubles with each retry (up to 30 s). When fal says how long to wait (Retry-After), that wins.",
		},
		{
			displayName: 'Status Updates',
			name: 'statusMode',
			type: 'options',
			options: [
				{ name: 'Stream', value: 'stream', description: "Follow fal's status stream; fall back to polling if it is unavailable" },
				{ name: 'Poll', value: 'poll', description: 'Ask for the status every poll interval (for proxies that buffer streams)' },
			],
			default: 'stream',
			displayOptions: { show: whileWaiting },
		},
	],
};

/** The defaults of the options above, for items that do not set them. */
export const NODE_OPTION_DEFAULTS = Object.fromEntries(
	(nodeOptions.options as INodeProperties[]).map((option) => [option.name, option.default]),
) as unknown as Required<NodeOptions>;
