import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { anyEndpointProperties } from '../../fields/anyEndpoint';
import { endpointProperties } from '../../fields/properties';
import { DEFAULT_MODEL_ID, defaultOperationOf, falModels } from '../../models';
import type { FalOperation } from '../../models/types';
import {
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
	WAIT_PARAMETER,
	WEBHOOK_URL_PARAMETER,
} from '../../parameters';

/**
 * Generation's parameters: the model (curated ones first, then any fal
 * endpoint), its operation, the selected endpoint's fields (from its data
 * file, or its live schema), and whether to wait.
 */

const show = { [RESOURCE_PARAMETER]: ['generation'] };

/** How each kind of endpoint reads in the operation selector. */
export const GENERATION_OPERATIONS: Record<
	FalOperation,
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

export const OTHER_MODEL_NAME = 'Any fal Endpoint';

/** Shown for Generation and for Queue Request, whose requests it names the endpoint of. */
export const modelSelector: INodeProperties = {
	displayName: 'Model',
	name: MODEL_PARAMETER,
	type: 'options',
	noDataExpression: true,
	// Verify Webhook, a Queue Request operation, names no endpoint.
	displayOptions: {
		show: { [RESOURCE_PARAMETER]: ['generation', 'queueRequest'] },
		hide: { [OPERATION_PARAMETER]: ['verifyWebhook'] },
	},
	options: [
		...falModels.map((model) => ({
			name: model.displayName,
			value: model.id,
			description: model.endpoints.map((endpoint) => endpoint.endpointId).join(', '),
		})),
		{
			name: OTHER_MODEL_NAME,
			value: OTHER_MODEL,
			description:
				"Any of fal's endpoints (FLUX, Kontext, video, speech…): found in fal's catalogue, its input as typed fields or JSON",
		},
	],
	default: DEFAULT_MODEL_ID,
};

/** One operation selector per model, offering only the endpoints fal has for it. */
export const generationOperationSelectors: INodeProperties[] = falModels.map((model) => ({
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
	...falModels.flatMap((model) =>
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

/** Whether to wait, and where fal reports back otherwise: Generation's, and Workflow → Run's. */
export function waitProperties(where: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: WAIT_PARAMETER,
			type: 'boolean',
			default: true,
			description:
				'Whether to wait until fal has finished and return the output (its files as binary data). Off: return the request ID at once; get the output later with Queue Request → Get Result.',
			displayOptions: { show: where },
		},
		{
			displayName: 'Webhook URL',
			name: WEBHOOK_URL_PARAMETER,
			type: 'string',
			default: '',
			placeholder: '{{ $execution.resumeUrl }}',
			description:
				'Optional. fal POSTs the outcome here when the request finishes. {{ $execution.resumeUrl }} resumes a later Wait node set to Resume "On Webhook Call" (HTTP method POST).',
			displayOptions: { show: { ...where, [WAIT_PARAMETER]: [false] } },
		},
	];
}

export const generationDescription: INodeProperties[] = [
	...generationOperationSelectors,
	...endpointFields,
	...waitProperties(show),
];
