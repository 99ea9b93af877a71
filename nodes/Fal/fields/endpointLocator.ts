import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { ENDPOINT_ID_PARAMETER, ENDPOINT_PARAMETER } from '../parameters';
import { FieldInputError } from './values';

/**
 * Which fal endpoint "Any fal Endpoint" runs. Version 2 of the node picks it
 * with a resource locator: fal's catalogue searched (From List), an ID, or a
 * fal.ai model page URL. Version 1 (workflows saved before) keeps the plain
 * Endpoint ID text field.
 */

export const ENDPOINT_ID_LABEL = 'Endpoint ID';

/** owner/alias[/path...], as on fal's model pages (fal-ai/flux/dev/image-to-image). */
const ENDPOINT_ID_SOURCE = '[A-Za-z0-9][\\w.-]*\\/[A-Za-z0-9][\\w.-]*(?:\\/[\\w.-]+)*';
const ENDPOINT_ID_PATTERN = new RegExp(`^${ENDPOINT_ID_SOURCE}$`);

/** A fal.ai model page (https://fal.ai/models/fal-ai/flux/dev, its /api or /playground tab): the ID is its path. */
const MODEL_PAGE_SOURCE = `^https?://(?:www\\.)?fal\\.ai/models/(${ENDPOINT_ID_SOURCE}?)(?:/(?:api|playground|examples|llms\\.txt))?/?(?:[?#].*)?$`;

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
		displayOptions: { show: versions === 'all' ? show : { ...show, '@version': versions } },
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

/** A checked endpoint ID; a pasted model-page URL gets a hint at the ID inside it. */
export function checkEndpointId(value: unknown, label = ENDPOINT_ID_LABEL): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text)
		throw new FieldInputError(
			label,
			'is empty; choose a fal endpoint, or give its ID, e.g. fal-ai/flux/dev',
		);
	if (ENDPOINT_ID_PATTERN.test(text)) return text;
	const fromUrl =
		new RegExp(MODEL_PAGE_SOURCE).exec(text)?.[1] ??
		/^https?:\/\/(?:queue\.fal\.run|fal\.run)\/([^?#]+?)\/?(?:[?#].*)?$/.exec(text)?.[1];
	const hint =
		fromUrl && ENDPOINT_ID_PATTERN.test(fromUrl)
			? `; for that page the ID is "${fromUrl}"`
			: ' (owner/alias[/path], e.g. fal-ai/flux/dev)';
	throw new FieldInputError(
		label,
		`${JSON.stringify(text.slice(0, 200))} is not a fal endpoint ID${hint}`,
	);
}

/** Several endpoint IDs, comma- or line-separated (or a list from an expression), each checked. */
export function checkEndpointIds(value: unknown, label: string): string[] {
	const entries = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	return entries
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id, index) => checkEndpointId(id, `${label} (entry ${index + 1})`));
}
