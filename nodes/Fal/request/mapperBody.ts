import type { IDataObject } from 'n8n-workflow';
import type { EndpointFields, FalFieldSchema } from '../schema/types';
import { CUSTOM_IMAGE_SIZE, imageSizePartParameter } from './parameterNames';
import type { BinaryFileInput, RequestPlan } from './plan';
import { checkFileUrl, checkValue, listOf, looksLikeUrl } from './values';
import { FieldInputError } from './fieldInputError';
import { imageSizeTypeOf } from '../schema/types';
import { nameOf } from '../schema/labels';

/**
 * A live endpoint's request from the values of its typed fields (the resource
 * mapper's), checked against the endpoint's schema as fal has it now: the
 * same checks as a curated endpoint's (values.ts). A file input given as
 * something other than a URL or data URI names a binary field of the item,
 * which is uploaded; a list of files may mix both.
 */
export function planFromFields(schema: EndpointFields, values: IDataObject): RequestPlan {
	checkKnown(schema, values);
	const body: IDataObject = {};
	const binaryFiles: BinaryFileInput[] = [];
	for (const field of schema.input) {
		const value = values[field.name];
		if (value === undefined || value === null || value === '') {
			if (field.required) throw new FieldInputError(nameOf(field), 'is required; fill it in');
			continue;
		}
		if (field.type === 'file') body[field.name] = fileValue(field, value, binaryFiles);
		else if (field.type === 'image_size' && value === CUSTOM_IMAGE_SIZE) {
			const size = customSize(schema, field, values);
			if (size) body[field.name] = size;
		} else body[field.name] = checkValue(field, value, schema.types);
	}
	return { body, binaryFiles };
}

/** A value for a field the endpoint does not have (any more): its schema changed since the node was set up. */
function checkKnown(schema: EndpointFields, values: IDataObject): void {
	const known = new Set(
		schema.input.flatMap((field) =>
			field.type === 'image_size'
				? [
						field.name,
						...(schema.types[imageSizeTypeOf(field)] ?? []).map((part) =>
							imageSizePartParameter(field, part),
						),
					]
				: [field.name],
		),
	);
	const unknown = Object.keys(values).filter(
		(key) =>
			!known.has(key) && values[key] !== undefined && values[key] !== null && values[key] !== '',
	);
	if (unknown.length > 0) {
		throw new FieldInputError(
			unknown.join(', '),
			`${unknown.length > 1 ? 'are not inputs' : 'is not an input'} of ${schema.endpointId} now; its schema changed since the fields were set: open the node and refresh them`,
		);
	}
}

/** One file (or a list): URLs and data URIs go to fal as they are, anything else names a binary field to upload. */
function fileValue(
	field: FalFieldSchema,
	value: unknown,
	binaryFiles: BinaryFileInput[],
): string | string[] {
	const name = nameOf(field);
	const entries = field.multiple ? listOf(value, name) : [value];
	const sent = entries.map((entry, index) => {
		const label = field.multiple ? `${name} entry ${index + 1}` : name;
		const text = typeof entry === 'string' ? entry.trim() : '';
		if (!text)
			throw new FieldInputError(
				label,
				'is empty; give a URL, a data URI or the name of a binary field of the item',
			);
		if (looksLikeUrl(text)) return checkFileUrl(label, text);
		if (!/^[\w.-]+$/.test(text))
			throw new FieldInputError(
				label,
				`${JSON.stringify(text.slice(0, 100))} is neither a URL nor the name of a binary field`,
			);
		binaryFiles.push({
			bodyPath: field.multiple ? `${field.name}.${index}` : field.name,
			label,
			property: text,
			imageOnly: (field.fileKind ?? 'image') === 'image',
		});
		// Filled in with the file's fal storage URL once it is uploaded.
		return '';
	});
	return field.multiple ? sent : sent[0];
}

/**
 * A custom size from its parts. Custom with no part given, where fal's
 * default is itself a custom size (what the field starts on then), leaves
 * the field to fal's default: nothing is sent.
 */
function customSize(
	schema: EndpointFields,
	field: FalFieldSchema,
	values: IDataObject,
): IDataObject | undefined {
	const parts = schema.types[imageSizeTypeOf(field)] ?? [];
	const given = (value: unknown) => value !== undefined && value !== null && value !== '';
	const objectDefault =
		typeof field.default === 'object' && field.default !== null && !Array.isArray(field.default)
			? field.default
			: undefined;
	if (objectDefault && !parts.some((part) => given(values[imageSizePartParameter(field, part)])))
		return undefined;
	const size: IDataObject = {};
	for (const part of parts) {
		const id = imageSizePartParameter(field, part);
		const value = given(values[id]) ? values[id] : (objectDefault?.[part.name] ?? part.default);
		if (!given(value))
			throw new FieldInputError(
				`${nameOf(field)}, custom ${part.name}`,
				'is required when the size is custom',
			);
		size[part.name] = checkValue({ ...part, name: id }, value, schema.types);
	}
	return size;
}
