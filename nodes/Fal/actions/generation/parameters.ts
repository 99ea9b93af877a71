import type { INodeProperties } from 'n8n-workflow';
import { anyEndpointProperties } from '../../fields/inputProperties';
import { endpointProperties } from '../../fields/curatedProperties';
import { CURATED_FILES, defaultOperationOf } from '../../schema/curated/index';
import type { CuratedOperation } from '../../schema/types';
import {
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
} from '../parameterNames';

/**
 * Generation's parameters below the Model selector (actions/shared/): the
 * operation of a curated entry, the chosen endpoint's fields (from its
 * curated file, or its live schema).
 */

const show = { [RESOURCE_PARAMETER]: ['generation'] };

/** How each kind of endpoint reads in the operation selector. */
export const GENERATION_OPERATIONS: Record<
	CuratedOperation,
	{ name: string; action: string; description: string }
> = {
	inpaint: {
		name: 'Inpaint',
		action: 'Inpaint an image',
		description: 'Repaint the masked (white) part of an image from a prompt',
	},
	imageToImage: {
		name: 'Image to Image',
		action: 'Transform an image',
		description: 'Generate a new image from an image and a prompt',
	},
};

/** One operation selector per model, offering only the endpoints fal has for it. */
export const generationOperationSelectors: INodeProperties[] = CURATED_FILES.map((model) => ({
	displayName: 'Operation',
	name: OPERATION_PARAMETER,
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { ...show, [MODEL_PARAMETER]: [model.id] } },
	options: model.endpoints.map((endpoint) => ({
		...GENERATION_OPERATIONS[endpoint.operation],
		value: endpoint.operation,
		description: `${GENERATION_OPERATIONS[endpoint.operation].description} (${endpoint.endpointId})`,
	})),
	default: defaultOperationOf(model),
}));

/** Each curated endpoint's fields, then Any fal Endpoint's. */
export const endpointFields: INodeProperties[] = [
	...CURATED_FILES.flatMap((model) =>
		model.endpoints.flatMap((endpoint) =>
			endpointProperties(model, endpoint, {
				...show,
				[MODEL_PARAMETER]: [model.id],
				[OPERATION_PARAMETER]: [endpoint.operation],
			}),
		),
	),
	...anyEndpointProperties({ ...show, [MODEL_PARAMETER]: [OTHER_MODEL] }),
];
