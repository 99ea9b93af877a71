import type { INodeProperties } from 'n8n-workflow';
import { CURATED_FILES, DEFAULT_MODEL_SELECTION } from '../../schema/curated/index';
import {
	MODEL_PARAMETER,
	OPERATION_PARAMETER,
	OTHER_MODEL,
	RESOURCE_PARAMETER,
} from '../parameterNames';

/**
 * The Model selector: a curated entry (its curated endpoints), or any fal
 * endpoint. Generation runs what it names; Queue Request looks up requests
 * submitted to it.
 */

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
		...CURATED_FILES.map((model) => ({
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
	default: DEFAULT_MODEL_SELECTION,
};
