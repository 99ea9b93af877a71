import type { INodeProperties } from 'n8n-workflow';
import type { Resource } from '../actions/operation';
import { OPERATION_PARAMETER, RESOURCE_PARAMETER } from '../actions/parameterNames';
import { NODE_OPTION_PROPERTIES } from '../execution/options/definitions';
import { NODE_OPTIONS_PARAMETER } from '../execution/options/nodeOptions';

/**
 * A resource's Node Options: one collection per resource, offering the
 * options its operations declare, each shown for the operations that
 * declare it. The options themselves are defined once
 * (execution/options/definitions.ts); the saved parameter is the same
 * `nodeOptions` whatever the resource.
 */
export function nodeOptionsOf(resource: Resource): INodeProperties | undefined {
	const declaring = (name: string) =>
		resource.operations.filter((operation) =>
			(operation.nodeOptions as readonly string[]).includes(name),
		);
	const options = NODE_OPTION_PROPERTIES.flatMap((option) => {
		const operations = declaring(option.name);
		if (operations.length === 0) return [];
		// Shown for every operation of the resource, or (where it has an Operation selector) for the ones that declare it.
		const everywhere =
			operations.length === resource.operations.length || !resource.defaultOperation;
		if (everywhere) return [option];
		const show = {
			...option.displayOptions?.show,
			[`/${OPERATION_PARAMETER}`]: operations.map((operation) => operation.option.value),
		};
		return [{ ...option, displayOptions: { ...option.displayOptions, show } }];
	});
	if (options.length === 0) return undefined;
	return {
		displayName: 'Node Options',
		name: NODE_OPTIONS_PARAMETER,
		type: 'collection',
		placeholder: 'Add Node Option',
		default: {},
		description: 'How the node runs items, retries, waits for fal and what it returns',
		displayOptions: { show: { [RESOURCE_PARAMETER]: [resource.option.value] } },
		options,
	};
}
