import type { INodeProperties } from 'n8n-workflow';
import { endpointProperties } from './fields/properties';
import { falModels } from './models';
import type { FalOperation } from './models/types';

export const MODEL_PARAMETER = 'model';
export const OPERATION_PARAMETER = 'operation';
export const NODE_OPTIONS_PARAMETER = 'nodeOptions';

/** How each kind of endpoint reads in the operation selector. */
const OPERATIONS: Record<FalOperation, { name: string; action: string; description: string }> = {
	inpaint: { name: 'Inpaint', action: 'Inpaint an image', description: 'Repaint the masked (white) part of an image from a prompt' },
	imageToImage: { name: 'Image to Image', action: 'Transform an image', description: 'Generate a new image from an image and a prompt' },
};

const modelSelector: INodeProperties = {
	displayName: 'Model',
	name: MODEL_PARAMETER,
	type: 'options',
	noDataExpression: true,
	options: falModels.map((model) => ({
		name: model.displayName,
		value: model.id,
		description: model.endpoints.map((endpoint) => endpoint.endpointId).join(', '),
	})),
	default: falModels[0].id,
};

/** One operation selector per model, offering only the endpoints fal has for it. */
const operationSelectors: INodeProperties[] = falModels.map((model) => ({
	displayName: 'Operation',
	name: OPERATION_PARAMETER,
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { [MODEL_PARAMETER]: [model.id] } },
	options: model.endpoints.map((endpoint) => ({
		...OPERATIONS[endpoint.operation],
		value: endpoint.operation,
		description: `${OPERATIONS[endpoint.operation].description} (${endpoint.endpointId})`,
	})),
	default: model.endpoints[0].operation,
}));

const endpointFields: INodeProperties[] = falModels.flatMap((model) =>
	model.endpoints.flatMap((endpoint) =>
		endpointProperties(model, endpoint, { [MODEL_PARAMETER]: [model.id], [OPERATION_PARAMETER]: [endpoint.operation] }),
	),
);

export interface NodeOptions {
	downloadImages?: boolean;
	binaryPropertyPrefix?: string;
	maxWaitSeconds?: number;
	pollIntervalMs?: number;
	statusMode?: 'stream' | 'poll';
}

export const NODE_OPTION_DEFAULTS: Required<NodeOptions> = {
	downloadImages: true,
	binaryPropertyPrefix: 'image',
	maxWaitSeconds: 600,
	pollIntervalMs: 500,
	statusMode: 'stream',
};

const nodeOptions: INodeProperties = {
	displayName: 'Node Options',
	name: NODE_OPTIONS_PARAMETER,
	type: 'collection',
	placeholder: 'Add Node Option',
	default: {},
	description: 'How the node waits for fal and what it returns',
	options: [
		{
			displayName: 'Download Images',
			name: 'downloadImages',
			type: 'boolean',
			default: NODE_OPTION_DEFAULTS.downloadImages,
			description: 'Whether to download the generated images into binary fields (otherwise only their URLs are returned)',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: NODE_OPTION_DEFAULTS.maxWaitSeconds,
			description: 'How long to wait for fal after submitting. When it passes, the fal request is cancelled and the item fails with its request ID.',
		},
		{
			displayName: 'Output Binary Field',
			name: 'binaryPropertyPrefix',
			type: 'string',
			default: NODE_OPTION_DEFAULTS.binaryPropertyPrefix,
			description: 'Binary field for the first image; the next ones get _1, _2, … appended (image, image_1, image_2)',
		},
		{
			displayName: 'Poll Interval (Ms)',
			name: 'pollIntervalMs',
			type: 'number',
			typeOptions: { minValue: 50 },
			default: NODE_OPTION_DEFAULTS.pollIntervalMs,
			description: 'Milliseconds between status checks when polling',
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
		},
	],
};

const modelNames = Object.fromEntries(falModels.map((model) => [model.id, model.displayName]));
const operationNames = Object.fromEntries(Object.entries(OPERATIONS).map(([value, { name }]) => [value, name]));

/** "Playground v2.5: Inpaint" under the node on the canvas. */
export const falNodeSubtitle = `={{ ${JSON.stringify(modelNames)}[$parameter["${MODEL_PARAMETER}"]] + ": " + ${JSON.stringify(operationNames)}[$parameter["${OPERATION_PARAMETER}"]] }}`;

/** Everything the node shows: the two selectors, each endpoint's fields, the node's own options. */
export const falNodeProperties: INodeProperties[] = [modelSelector, ...operationSelectors, ...endpointFields, nodeOptions];
