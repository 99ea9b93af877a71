import { GENERATION_OPERATIONS } from '../actions/generation/parameters';
import {
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
} from '../actions/parameterNames';
import { RESOURCES } from '../actions/resources';
import { OTHER_MODEL_NAME } from '../actions/shared/modelSelector';
import { ENDPOINT_ID_PARAMETER, ENDPOINT_PARAMETER } from '../fields/endpointLocator';
import { CURATED_FILES } from '../schema/curated/index';

/**
 * Under the node on the canvas: "Playground v2.5: Inpaint", "fal-ai/flux/dev"
 * (any endpoint), "Queue Request: Get Result", "Account: Get Usage"; made
 * from the operations' own names.
 */

const modelNames = {
	...Object.fromEntries(CURATED_FILES.map((file) => [file.id, file.displayName])),
	[OTHER_MODEL]: OTHER_MODEL_NAME,
};
const generationNames = Object.fromEntries(
	Object.entries(GENERATION_OPERATIONS).map(([value, { name }]) => [value, name]),
);
/** The resources with an Operation selector, and their operations' names by value. */
const operationNames = Object.fromEntries(
	RESOURCES.filter((resource) => resource.defaultOperation).map((resource) => [
		resource.option.value,
		Object.fromEntries(resource.operations.map(({ option }) => [option.value, option.name])),
	]),
);
const resourceNames = Object.fromEntries(
	RESOURCES.map(({ option }) => [option.value, option.name]),
);

const resource = `$parameter["${RESOURCE_PARAMETER}"]`;
const operation = `$parameter["${OPERATION_PARAMETER}"]`;
const model = `$parameter["${MODEL_PARAMETER}"]`;

export const falNodeSubtitle =
	`={{ ${JSON.stringify(operationNames)}[${resource}] ? ${JSON.stringify(resourceNames)}[${resource}] + ": " + ${JSON.stringify(operationNames)}[${resource}][${operation}]` +
	` : ${model} === "${OTHER_MODEL}" ? (($parameter["${ENDPOINT_PARAMETER}"] || {}).value || $parameter["${ENDPOINT_ID_PARAMETER}"])` +
	` : ${JSON.stringify(modelNames)}[${model}] + ": " + ${JSON.stringify(generationNames)}[${operation}] }}`;
