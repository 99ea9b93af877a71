import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { ENDPOINT_ID_LABEL, ENDPOINT_ID_SOURCE, MODEL_PAGE_SOURCE } from '../request/endpointId';

/** Version 1: the endpoint as an ID. Version 2: the Endpoint resource locator. */
export const ENDPOINT_ID_PARAMETER = 'endpointId';
export const ENDPOINT_PARAMETER = 'endpoint';

/**
 * Which fal endpoint "Any fal Endpoint" runs. Version 2 of the node picks it
 * with a resource locator: fal's catalogue searched (From List), an ID, or a
 * fal.ai model page URL. Version 1 (workflows saved before) keeps the plain
 * Endpoint ID text field.
 */

/** The Endpoint resource locator: version 2's where it replaces the Endpoint ID; every version's for the operations that came with it. */
export function endpointLocator(
	show: IDisplayOptions['show'],
	description: string,
	versions: number[] | 'all' = [2],
): INodeProperties {
	return {
		displayName: 'Endpoint',
		name: ENDPOINT_PARAMETER,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		...shownWhen(versions === 'all' ? show : { ...show, '@version': versions }),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: "Search fal's models (flux, kontext, video, speech…)",
				typeOptions: { searchListMethod: 'searchEndpoints', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'fal-ai/flux/dev',
				url: '=https://fal.ai/models/{{$value}}/api',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^${ENDPOINT_ID_SOURCE}$`,
							errorMessage: 'An endpoint ID looks like owner/alias[/path], such as fal-ai/flux/dev',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://fal.ai/models/fal-ai/flux/dev',
				extractValue: { type: 'regex', regex: MODEL_PAGE_SOURCE },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: MODEL_PAGE_SOURCE,
							errorMessage:
								'A fal.ai model page URL looks like https://fal.ai/models/fal-ai/flux/dev',
						},
					},
				],
			},
		],
	};
}

/** Version 1: the endpoint ID as text. */
export function legacyEndpointId(
	show: IDisplayOptions['show'],
	description: string,
): INodeProperties {
	return {
		displayName: ENDPOINT_ID_LABEL,
		name: ENDPOINT_ID_PARAMETER,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'fal-ai/flux/dev/image-to-image',
		description,
		displayOptions: { show: { ...show, '@version': [1] } },
	};
}

/** displayOptions for these conditions; none when there are none (an operation's own property: description/ adds where it shows). */
function shownWhen(show: IDisplayOptions['show']): Pick<INodeProperties, 'displayOptions'> {
	return show && Object.keys(show).length > 0 ? { displayOptions: { show } } : {};
}
