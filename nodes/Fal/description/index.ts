import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import type { Operation, Resource } from '../actions/operation';
import {
	DEFAULT_RESOURCE,
	OPERATION_PARAMETER,
	RESOURCE_PARAMETER,
} from '../actions/parameterNames';
import { RESOURCES } from '../actions/resources';
import { modelSelector } from '../actions/shared/modelSelector';
import { nodeOptionsOf } from './nodeOptions';

export { falNodeSubtitle } from './subtitle';

/**
 * The node's parameters, in the order the editor shows them: the resource,
 * the Model selector (Generation's and Queue Request's), then each resource's
 * Operation selector, its own parameters and its operations' (each shown for
 * its resource and operation), then the Node Options.
 */

const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: RESOURCE_PARAMETER,
	type: 'options',
	noDataExpression: true,
	options: RESOURCES.map(({ option }) => option),
	default: DEFAULT_RESOURCE,
};

/** A property shown only where `show` holds (its own conditions kept). */
function shownFor(property: INodeProperties, show: IDisplayOptions['show']): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, ...property.displayOptions?.show },
		},
	};
}

function operationSelector(resource: Resource, defaultOperation: string): INodeProperties {
	const options = resource.operations.map(({ option }) => option);
	if (!resource.keepOperationOrder) options.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Operation',
		name: OPERATION_PARAMETER,
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { [RESOURCE_PARAMETER]: [resource.option.value] } },
		options,
		default: defaultOperation,
	};
}

function operationProperties(resource: Resource, operation: Operation): INodeProperties[] {
	const show = {
		[RESOURCE_PARAMETER]: [resource.option.value],
		...(resource.defaultOperation ? { [OPERATION_PARAMETER]: [operation.option.value] } : {}),
	};
	return operation.properties.map((property) => shownFor(property, show));
}

function resourceProperties(resource: Resource): INodeProperties[] {
	return [
		...(resource.defaultOperation ? [operationSelector(resource, resource.defaultOperation)] : []),
		...(resource.properties ?? []),
		...resource.operations.flatMap((operation) => operationProperties(resource, operation)),
	];
}

export const falNodeProperties: INodeProperties[] = [
	resourceSelector,
	modelSelector,
	...RESOURCES.flatMap(resourceProperties),
	...RESOURCES.flatMap((resource) => nodeOptionsOf(resource) ?? []),
];
