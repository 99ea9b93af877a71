import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { ENDPOINT_ID_PARAMETER, FILES_PARAMETER, INPUT_JSON_PARAMETER } from '../parameters';
import { LIST_ENTRY } from './names';
import { type BinaryFileInput, FieldInputError, type ParameterReader, type RequestPlan } from './requestBody';

/**
 * "Other Endpoint": any fal endpoint this package has no data file for. The
 * user types its ID and gives the input as JSON, the way fal's API page shows
 * it; files from the item's binary data are uploaded and their URLs written
 * into the input fields the user names.
 */

export const ENDPOINT_ID_LABEL = 'Endpoint ID';
const INPUT_LABEL = 'Input (JSON)';

/** owner/alias[/path...], as on fal's model pages (fal-ai/flux/dev/image-to-image). */
const ENDPOINT_ID_PATTERN = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*(\/[\w.-]+)*$/;

export function endpointIdProperty(show: IDisplayOptions['show'], description: string): INodeProperties {
	return {
		displayName: ENDPOINT_ID_LABEL,
		name: ENDPOINT_ID_PARAMETER,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'fal-ai/flux/dev/image-to-image',
		description,
		displayOptions: { show },
	};
}

export function otherEndpointProperties(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		endpointIdProperty(show, 'The fal endpoint to run, as owner/alias[/path] from its fal.ai model page (e.g. fal-ai/flux/dev/image-to-image)'),
		{
			displayName: INPUT_LABEL,
			name: INPUT_JSON_PARAMETER,
			type: 'json',
			default: '{\n  "prompt": ""\n}',
			description: "The endpoint's input as a JSON object, with the field names of its API page on fal.ai. Fields filled from Files below are added to it.",
			displayOptions: { show },
		},
		{
			displayName: 'Files',
			name: FILES_PARAMETER,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add File',
			default: {},
			description: "Files from the item's binary data, uploaded to fal storage; each URL goes into the named input field",
			displayOptions: { show },
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
							description: 'The input field that gets the file URL, such as image_url or mask_url (dots reach nested fields: "controlnets.0.image_url")',
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
		},
	];
}

/** A checked endpoint ID; a pasted model-page URL gets a hint at the ID inside it. */
export function checkEndpointId(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new FieldInputError(ENDPOINT_ID_LABEL, 'is empty; give the fal endpoint ID, e.g. fal-ai/flux/dev');
	if (ENDPOINT_ID_PATTERN.test(text)) return text;
	const fromUrl = /^https?:\/\/(?:fal\.ai\/models|queue\.fal\.run|fal\.run)\/([^?#]+?)\/?(?:[?#].*)?$/.exec(text)?.[1];
	const hint = fromUrl && ENDPOINT_ID_PATTERN.test(fromUrl) ? `; for that page the ID is "${fromUrl}"` : ' (owner/alias[/path], e.g. fal-ai/flux/dev)';
	throw new FieldInputError(ENDPOINT_ID_LABEL, `${JSON.stringify(text.slice(0, 200))} is not a fal endpoint ID${hint}`);
}

/** The request an item sends to the endpoint: its JSON input, and the files to upload into it. */
export function planOtherRequest(read: ParameterReader): RequestPlan {
	const body = parseInput(read(INPUT_JSON_PARAMETER, '{}'));
	const entries = ((read(FILES_PARAMETER, {}) as IDataObject | undefined)?.[LIST_ENTRY] ?? []) as IDataObject[];
	const binaryFiles: BinaryFileInput[] = entries.map((entry, index) => {
		const label = `Files entry ${index + 1}`;
		const bodyPath = String(entry.field ?? '').trim();
		const property = String(entry.binaryProperty ?? '').trim();
		if (!/^[\w-]+(\.[\w-]+)*$/.test(bodyPath)) throw new FieldInputError(`${label}, Input Field`, `${JSON.stringify(bodyPath)} is not a field name (such as image_url)`);
		if (!property) throw new FieldInputError(`${label}, Input Binary Field`, 'is empty; give the name of the binary field holding the file');
		return { bodyPath, label: `${label}, Input Binary Field`, property, imageOnly: false };
	});
	return { body, binaryFiles };
}

function parseInput(value: unknown): IDataObject {
	let input = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		const parsed = parseJson(value);
		if ('problem' in parsed) throw new FieldInputError(INPUT_LABEL, `is not valid JSON: ${parsed.problem}`);
		input = parsed.value;
	}
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new FieldInputError(INPUT_LABEL, `must be a JSON object ({ "field": value, ... }), got ${Array.isArray(input) ? 'an array' : typeof input}`);
	}
	return input as IDataObject;
}

function parseJson(text: string): { value: unknown } | { problem: string } {
	try {
		return { value: JSON.parse(text) };
	} catch (error) {
		return { problem: (error as Error).message };
	}
}

/** Puts a value at a dotted path ("controlnets.0.image_url"), creating objects and arrays on the way. */
export function setAtPath(body: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let target: Record<string, unknown> = body;
	for (const [index, key] of keys.slice(0, -1).entries()) {
		if (typeof target[key] !== 'object' || target[key] === null) target[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
		target = target[key] as Record<string, unknown>;
	}
	target[keys[keys.length - 1]] = value;
}
