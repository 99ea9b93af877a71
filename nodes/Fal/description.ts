import type { INodeProperties } from 'n8n-workflow';
import { accountDescription } from './actions/account';
import { fileDescription } from './actions/file/upload';
import { generationDescription } from './actions/generation';
import {
	GENERATION_OPERATIONS,
	modelSelector,
	OTHER_MODEL_NAME,
} from './actions/generation/description';
import { modelDescription } from './actions/model';
import { QUEUE_OPERATIONS, queueRequestDescription } from './actions/queueRequest';
import { workflowDescription } from './actions/workflow';
import { falModels } from './models';
import { nodeOptions } from './nodeOptions';
import {
	DEFAULT_RESOURCE,
	ENDPOINT_ID_PARAMETER,
	ENDPOINT_PARAMETER,
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
} from './parameters';

/**
 * The node's parameters, in the order the editor shows them: resource, then
 * each resource's operation and fields (actions/<resource>/), then the node
 * options.
 */

const RESOURCES = [
	{
		name: 'Generation',
		value: 'generation',
		description: 'Run a fal model on each item: inpaint, image to image, or any fal endpoint',
	},
	{
		name: 'Queue Request',
		value: 'queueRequest',
		description: 'Check, fetch or cancel a request submitted earlier, by its request ID',
	},
	{ name: 'File', value: 'file', description: 'Upload a file to fal storage and get its URL' },
	{
		name: 'Model',
		value: 'model',
		description: "Search fal's models, read their fields and prices, estimate a cost",
	},
	{
		name: 'Account',
		value: 'account',
		description: 'Usage, analytics, balance, request history and payload deletion',
	},
	{ name: 'Workflow', value: 'workflow', description: 'Run, list and read fal workflows' },
];

const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: RESOURCE_PARAMETER,
	type: 'options',
	noDataExpression: true,
	options: RESOURCES,
	default: DEFAULT_RESOURCE,
};

const modelNames = {
	...Object.fromEntries(falModels.map((model) => [model.id, model.displayName])),
	[OTHER_MODEL]: OTHER_MODEL_NAME,
};
const generationNames = Object.fromEntries(
	Object.entries(GENERATION_OPERATIONS).map(([value, { name }]) => [value, name]),
);

/** Each resource's operations by value, from its own operation selector: "Get Usage", "Run"… */
function operationNamesOf(description: INodeProperties[]): Record<string, string> {
	const selector = description.find((property) => property.name === OPERATION_PARAMETER);
	return Object.fromEntries(
		(selector?.options ?? []).map((option) => [
			'value' in option ? String(option.value) : '',
			option.name,
		]),
	);
}

const otherResources = {
	queueRequest: Object.fromEntries(
		Object.entries(QUEUE_OPERATIONS).map(([value, { name }]) => [value, name]),
	),
	file: operationNamesOf(fileDescription),
	model: operationNamesOf(modelDescription),
	account: operationNamesOf(accountDescription),
	workflow: operationNamesOf(workflowDescription),
};
const resourceNames = Object.fromEntries(RESOURCES.map(({ name, value }) => [value, name]));

/**
 * Under the node on the canvas: "Playground v2.5: Inpaint", "fal-ai/flux/dev"
 * (any endpoint), "Queue Request: Get Result", "Account: Get Usage".
 */
export const falNodeSubtitle =
	`={{ ${JSON.stringify(otherResources)}[$parameter["${RESOURCE_PARAMETER}"]] ? ${JSON.stringify(resourceNames)}[$parameter["${RESOURCE_PARAMETER}"]] + ": " + ${JSON.stringify(otherResources)}[$parameter["${RESOURCE_PARAMETER}"]][$parameter["${OPERATION_PARAMETER}"]]` +
	` : $parameter["${MODEL_PARAMETER}"] === "${OTHER_MODEL}" ? (($parameter["${ENDPOINT_PARAMETER}"] || {}).value || $parameter["${ENDPOINT_ID_PARAMETER}"])` +
	` : ${JSON.stringify(modelNames)}[$parameter["${MODEL_PARAMETER}"]] + ": " + ${JSON.stringify(generationNames)}[$parameter["${OPERATION_PARAMETER}"]] }}`;

export const falNodeProperties: INodeProperties[] = [
	resourceSelector,
	modelSelector,
	...generationDescription,
	...queueRequestDescription,
	...fileDescription,
	...modelDescription,
	...accountDescription,
	...workflowDescription,
	nodeOptions,
];
