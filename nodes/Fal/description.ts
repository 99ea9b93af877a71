import type { INodeProperties } from 'n8n-workflow';
import { generationProperties } from './actions/generate';
import { QUEUE_OPERATIONS, queueOperationSelector, queueRequestProperties } from './actions/queueRequest';
import { fileOperationSelector, uploadFileProperties } from './actions/uploadFile';
import { endpointProperties } from './fields/properties';
import { otherEndpointProperties } from './fields/otherEndpoint';
import { falModels } from './models';
import type { FalOperation } from './models/types';
import {
	DEFAULT_RESOURCE,
	ENDPOINT_ID_PARAMETER,
	MODEL_PARAMETER,
	NODE_OPTION_DEFAULTS,
	NODE_OPTIONS_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
	WAIT_PARAMETER,
} from './parameters';

/**
 * The node's parameters, in the order the editor shows them: resource, model,
 * operation, the selected endpoint's fields (from its data file), then each
 * resource's own fields and the node options.
 */

const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: RESOURCE_PARAMETER,
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Generation', value: 'generation', description: 'Run a fal model on each item: inpaint, image to image, or any fal endpoint' },
		{ name: 'Queue Request', value: 'queueRequest', description: 'Check, fetch or cancel a request submitted earlier, by its request ID' },
		{ name: 'File', value: 'file', description: 'Upload a file to fal storage and get its URL' },
	],
	default: DEFAULT_RESOURCE,
};

/** How each kind of endpoint reads in the operation selector. */
const OPERATIONS: Record<FalOperation, { name: string; action: string; description: string }> = {
	inpaint: { name: 'Inpaint', action: 'Inpaint an image', description: 'Repaint the masked (white) part of an image from a prompt' },
	imageToImage: { name: 'Image to Image', action: 'Transform an image', description: 'Generate a new image from an image and a prompt' },
};

const OTHER_MODEL_NAME = 'Other Endpoint';

const modelSelector: INodeProperties = {
	displayName: 'Model',
	name: MODEL_PARAMETER,
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { [RESOURCE_PARAMETER]: ['generation', 'queueRequest'] } },
	options: [
		...falModels.map((model) => ({
			name: model.displayName,
			value: model.id,
			description: model.endpoints.map((endpoint) => endpoint.endpointId).join(', '),
		})),
		{ name: OTHER_MODEL_NAME, value: OTHER_MODEL, description: 'Any fal endpoint, by its ID (owner/alias[/path]), with its input as JSON' },
	],
	default: falModels[0].id,
};

/** One operation selector per model, offering only the endpoints fal has for it. */
const generationOperationSelectors: INodeProperties[] = falModels.map((model) => ({
	displayName: 'Operation',
	name: OPERATION_PARAMETER,
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { [RESOURCE_PARAMETER]: ['generation'], [MODEL_PARAMETER]: [model.id] } },
	options: model.endpoints.map((endpoint) => ({
		...OPERATIONS[endpoint.operation],
		value: endpoint.operation,
		description: `${OPERATIONS[endpoint.operation].description} (${endpoint.endpointId})`,
	})),
	default: model.endpoints[0].operation,
}));

const endpointFields: INodeProperties[] = [
	...falModels.flatMap((model) =>
		model.endpoints.flatMap((endpoint) =>
			endpointProperties(model, endpoint, {
				[RESOURCE_PARAMETER]: ['generation'],
				[MODEL_PARAMETER]: [model.id],
				[OPERATION_PARAMETER]: [endpoint.operation],
			}),
		),
	),
	...otherEndpointProperties({ [RESOURCE_PARAMETER]: ['generation'], [MODEL_PARAMETER]: [OTHER_MODEL] }),
];

/** Options for the images of a result: a generation's, or Get Result's. */
const withResults = { hide: { [`/${OPERATION_PARAMETER}`]: ['getStatus', 'cancel', 'upload'] } };

/** Options that matter only while the node waits for a generation. */
const whileWaiting = { [`/${RESOURCE_PARAMETER}`]: ['generation'], [`/${WAIT_PARAMETER}`]: [true] };

const nodeOptions: INodeProperties = {
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
			default: NODE_OPTION_DEFAULTS.concurrency,
			description: 'How many items run at the same time (upload, submit, wait); 1 runs them one after another. Outputs keep the input order.',
			displayOptions: { show: { [`/${RESOURCE_PARAMETER}`]: ['generation'] } },
		},
		{
			displayName: 'Download Images',
			name: 'downloadImages',
			type: 'boolean',
			default: NODE_OPTION_DEFAULTS.downloadImages,
			description: "Whether to download the output images into binary fields (otherwise only their URLs are returned; data URIs are always stored as binary, never left in the JSON)",
			displayOptions: withResults,
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: NODE_OPTION_DEFAULTS.maxRetries,
			description:
				"How often a request to fal is tried again after a passing fault (429, 502, 503, 504, a dropped connection). A submission is repeated only when fal certainly did not take it, so no job runs twice. 0 turns retries off.",
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: NODE_OPTION_DEFAULTS.maxWaitSeconds,
			description: 'How long to wait for fal after submitting. When it passes, the fal request is cancelled and the item fails with its request ID.',
			displayOptions: { show: whileWaiting },
		},
		{
			displayName: 'Output Binary Field',
			name: 'binaryPropertyPrefix',
			type: 'string',
			default: NODE_OPTION_DEFAULTS.binaryPropertyPrefix,
			description: 'Binary field for the first image; the next ones get _1, _2, … appended (image, image_1, image_2)',
			displayOptions: withResults,
		},
		{
			displayName: 'Poll Interval (Ms)',
			name: 'pollIntervalMs',
			type: 'number',
			typeOptions: { minValue: 50 },
			default: NODE_OPTION_DEFAULTS.pollIntervalMs,
			description: 'Milliseconds between status checks when polling',
			displayOptions: { show: whileWaiting },
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: NODE_OPTION_DEFAULTS.retryDelayMs,
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
			default: NODE_OPTION_DEFAULTS.statusMode,
			displayOptions: { show: whileWaiting },
		},
	],
};

const modelNames = {
	...Object.fromEntries(falModels.map((model) => [model.id, model.displayName])),
	[OTHER_MODEL]: OTHER_MODEL_NAME,
};
const operationNames = Object.fromEntries(Object.entries(OPERATIONS).map(([value, { name }]) => [value, name]));
const queueOperationNames = Object.fromEntries(Object.entries(QUEUE_OPERATIONS).map(([value, { name }]) => [value, name]));

/**
 * Under the node on the canvas: "Playground v2.5: Inpaint", "fal-ai/flux/dev"
 * (other endpoint), "Queue Request: Get Result", "File: Upload".
 */
export const falNodeSubtitle =
	`={{ $parameter["${RESOURCE_PARAMETER}"] === "queueRequest" ? "Queue Request: " + ${JSON.stringify(queueOperationNames)}[$parameter["${OPERATION_PARAMETER}"]]` +
	` : $parameter["${RESOURCE_PARAMETER}"] === "file" ? "File: Upload"` +
	` : $parameter["${MODEL_PARAMETER}"] === "${OTHER_MODEL}" ? $parameter["${ENDPOINT_ID_PARAMETER}"]` +
	` : ${JSON.stringify(modelNames)}[$parameter["${MODEL_PARAMETER}"]] + ": " + ${JSON.stringify(operationNames)}[$parameter["${OPERATION_PARAMETER}"]] }}`;

export const falNodeProperties: INodeProperties[] = [
	resourceSelector,
	modelSelector,
	...generationOperationSelectors,
	queueOperationSelector,
	fileOperationSelector,
	...endpointFields,
	...generationProperties,
	...queueRequestProperties,
	...uploadFileProperties,
	nodeOptions,
];
