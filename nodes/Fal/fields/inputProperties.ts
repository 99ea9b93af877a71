import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import {
	FILES_PARAMETER,
	INPUT_FIELDS_PARAMETER,
	INPUT_JSON_PARAMETER,
	INPUT_MODE_PARAMETER,
	JSON_INPUT_LABEL,
	LIST_ENTRY,
} from '../request/parameterNames';
import { ENDPOINT_PARAMETER, endpointLocator, legacyEndpointId } from './endpointLocator';

/**
 * "Any fal Endpoint": every fal endpoint this package has no data file for.
 * Version 2 of the node picks it from fal's catalogue and shows its input as
 * typed fields read from its OpenAPI schema (the resource mapper; see
 * methods/ and mapperFields.ts), or takes it as JSON. Version 1 (workflows
 * saved before) takes an endpoint ID and JSON. In JSON mode, files from the
 * item's binary data are uploaded and their URLs written into the fields the
 * user names (request/jsonBody.ts reads them).
 */

export function anyEndpointProperties(show: IDisplayOptions['show']): INodeProperties[] {
	const inJsonMode = { ...show, '@version': [2], [INPUT_MODE_PARAMETER]: ['json'] };
	return [
		legacyEndpointId(
			show,
			'The fal endpoint to run, as owner/alias[/path] from its fal.ai model page (e.g. fal-ai/flux/dev/image-to-image)',
		),
		endpointLocator(
			show,
			"The fal endpoint to run: search fal's catalogue, or give its ID or its fal.ai page URL. The link beside it opens the endpoint's API page, which describes every field.",
		),
		{
			displayName: 'Input Mode',
			name: INPUT_MODE_PARAMETER,
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Fields',
					value: 'fields',
					description:
						"Typed fields read from the endpoint's schema, checked before anything is sent",
				},
				{
					name: 'JSON',
					value: 'json',
					description:
						"The input as one JSON object, with the field names of the endpoint's API page",
				},
			],
			default: 'fields',
			displayOptions: { show: { ...show, '@version': [2] } },
		},
		{
			displayName:
				"Each field's name gives its range, unit and default; the endpoint's API page (the link beside Endpoint) describes it. A file field takes a URL, a data URI, or the name of a binary field of the item, which is uploaded; a list of files takes several, comma-separated.",
			name: 'fieldsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { ...show, '@version': [2], [INPUT_MODE_PARAMETER]: ['fields'] } },
		},
		inputFieldsMapper({
			name: INPUT_FIELDS_PARAMETER,
			method: 'getEndpointFields',
			dependsOn: ENDPOINT_PARAMETER,
			noFieldsError: 'No input fields: choose an endpoint above, or switch Input Mode to JSON',
			show: { ...show, '@version': [2], [INPUT_MODE_PARAMETER]: ['fields'] },
		}),
		...jsonInputProperties([{ ...show, '@version': [1] }, inJsonMode]),
	];
}

/**
 * The typed Fields of a live schema (an endpoint's, a fal workflow's): n8n's
 * resource mapper, asking `method` again whenever the `dependsOn` locator
 * changes.
 */
export function inputFieldsMapper(spec: {
	name: string;
	method: string;
	dependsOn: string;
	noFieldsError: string;
	show: IDisplayOptions['show'];
}): INodeProperties {
	return {
		displayName: 'Fields',
		name: spec.name,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: [`${spec.dependsOn}.value`],
			resourceMapper: {
				resourceMapperMethod: spec.method,
				mode: 'add',
				valuesLabel: 'Input Fields',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: spec.noFieldsError,
			},
		},
		displayOptions: { show: spec.show },
	};
}

/** The JSON input and its Files, where each of `wheres` holds: all of version 1, and version 2's JSON mode (or a fal workflow's, by its own names). */
export function jsonInputProperties(
	wheres: Array<IDisplayOptions['show']>,
	names = { json: INPUT_JSON_PARAMETER, files: FILES_PARAMETER },
): INodeProperties[] {
	return wheres.flatMap((where) => [
		{
			displayName: JSON_INPUT_LABEL,
			name: names.json,
			type: 'json',
			default: '{\n  "prompt": ""\n}',
			description:
				"The endpoint's input as a JSON object, with the field names of its API page on fal.ai. Fields filled from Files below are added to it.",
			displayOptions: { show: where },
		} satisfies INodeProperties,
		{
			displayName: 'Files',
			name: names.files,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add File',
			default: {},
			description:
				"Files from the item's binary data, uploaded to fal storage; each URL goes into the named input field",
			displayOptions: { show: where },
			options: [
				{
					displayName: 'File',
					name: LIST_ENTRY,
					values: [
						{
							displayName: 'Input Field',
							name: 'field',
							type: 'string',
							default: 'image_url',
							description:
								'The input field that gets the file URL, such as image_url or mask_url (dots reach nested fields: "controlnets.0.image_url")',
						},
						{
							displayName: 'Input Binary Field',
							name: 'binaryProperty',
							type: 'string',
							default: 'data',
							description: 'The binary field of the input item holding the file',
						},
					],
				},
			],
		} satisfies INodeProperties,
	]);
}
