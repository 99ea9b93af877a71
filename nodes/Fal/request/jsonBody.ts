import type { IDataObject } from 'n8n-workflow';
import { FieldInputError } from './fieldInputError';
import {
	FILES_PARAMETER,
	INPUT_JSON_PARAMETER,
	JSON_INPUT_LABEL,
	LIST_ENTRY,
} from './parameterNames';
import type { BinaryFileInput, ParameterReader, RequestPlan } from './plan';
import { parseJson } from './values';

/**
 * Any fal Endpoint's JSON mode (and a fal workflow's): the input as one JSON
 * object, and files from the item's binary data to upload into the fields
 * the user names.
 */

/** The request an item sends in JSON mode: its JSON input, and the files to upload into it. */
export function planJsonRequest(read: ParameterReader): RequestPlan {
	const body = parseInput(read(INPUT_JSON_PARAMETER, '{}'));
	const entries = ((read(FILES_PARAMETER, {}) as IDataObject | undefined)?.[LIST_ENTRY] ??
		[]) as IDataObject[];
	const binaryFiles: BinaryFileInput[] = entries.map((entry, index) => {
		const label = `Files entry ${index + 1}`;
		const bodyPath = String(entry.field ?? '').trim();
		const property = String(entry.binaryProperty ?? '').trim();
		if (!/^[\w-]+(\.[\w-]+)*$/.test(bodyPath))
			throw new FieldInputError(
				`${label}, Input Field`,
				`${JSON.stringify(bodyPath)} is not a field name (such as image_url)`,
			);
		if (!property)
			throw new FieldInputError(
				`${label}, Input Binary Field`,
				'is empty; give the name of the binary field holding the file',
			);
		return { bodyPath, label: `${label}, Input Binary Field`, property, imageOnly: false };
	});
	return { body, binaryFiles };
}

function parseInput(value: unknown): IDataObject {
	let input = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		const parsed = parseJson(value);
		if ('problem' in parsed)
			throw new FieldInputError(JSON_INPUT_LABEL, `is not valid JSON: ${parsed.problem}`);
		input = parsed.value;
	}
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new FieldInputError(
			JSON_INPUT_LABEL,
			`must be a JSON object ({ "field": value, ... }), got ${Array.isArray(input) ? 'an array' : typeof input}`,
		);
	}
	return input as IDataObject;
}

/** Puts a value at a dotted path ("controlnets.0.image_url"), creating objects and arrays on the way. */
export function setAtPath(body: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let target: Record<string, unknown> = body;
	for (const [index, key] of keys.slice(0, -1).entries()) {
		if (typeof target[key] !== 'object' || target[key] === null)
			target[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
		target = target[key] as Record<string, unknown>;
	}
	target[keys[keys.length - 1]] = value;
}
