import type { INodeProperties } from 'n8n-workflow';
import { generationProperties } from './actions/generate';
import { QUEUE_OPERATIONS, queueOperationSelector, queueRequestProperties } from './actions/queueRequest';
import { fileOperationSelector, uploadFileProperties } from './actions/uploadFile';
import { endpointProperties } from './fields/properties';
import { anyEndpointProperties } from './fields/anyEndpoint';
import { DEFAULT_MODEL_ID, defaultOperationOf, falModels } from './models';
import type { FalOperation } from './models/types';
import {
	DEFAULT_RESOURCE,
	ENDPOINT_ID_PARAMETER,
	ENDPOINT_PARAMETER,
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
} from './parameters';
import { nodeOptions } from './nodeOptions';

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

const OTHER_MODEL_NAME = 'Any fal Endpoint';

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
		{ name: OTHER_MODEL_NAME, value: OTHER_MODEL, description: "Any of fal's endpoints (FLUX, Kontext, video, speech…): found in fal's catalogue, its input as typed fields or JSON" },
	],
	default: DEFAULT_MODEL_ID,
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
	default: defaultOperationOf(model),
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
	...anyEndpointProperties({ [RESOURCE_PARAMETER]: ['generation'], [MODEL_PARAMETER]: [OTHER_MODEL] }),
];

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
	` : $parameter["${MODEL_PARAMETER}"] === "${OTHER_MODEL}" ? (($parameter["${ENDPOINT_PARAMETER}"] || {}).value || $parameter["${ENDPOINT_ID_PARAMETER}"])` +
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
