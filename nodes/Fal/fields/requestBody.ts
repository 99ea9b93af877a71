import type { IDataObject } from 'n8n-workflow';
import type { FalEndpointSchema, FalFieldSchema, FalModelSchema } from '../models/types';
import {
	CUSTOM_IMAGE_SIZE,
	fileBinaryLabel,
	fileBinaryParameter,
	fileSourceParameter,
	fileUrlLabel,
	type FileSource,
	imageSizePartParameter,
	labelOf,
	LIST_ENTRY,
	OPTIONS_PARAMETER,
} from './names';

type BodyValue = IDataObject[string];

/** Reads one node parameter of the current item (`getNodeParameter` bound to it). */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;

/** A value that fal would reject, or that would cost a request for nothing. */
export class FieldInputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
	}
}

/** A file input still to be uploaded from the item's binary data. */
export interface BinaryFileInput {
	/** Where its fal storage URL goes in the body: a field name, or a dotted path for nested fields. */
	bodyPath: string;
	/** The parameter that names the binary field, as errors call it. */
	label: string;
	/** The binary field of the item. */
	property: string;
	/** The seed endpoints' inputs are images; other endpoints may take any file. */
	imageOnly: boolean;
}

/**
 * What one item will send: the body with every value checked, and the binary
 * inputs whose fal storage URLs still have to be filled in.
 */
export interface RequestPlan {
	body: IDataObject;
	binaryFiles: BinaryFileInput[];
}

/**
 * The generic inverse of `endpointProperties`: node parameters back into the
 * request body fal documents. Required fields are always sent; optional ones
 * only when the user added them to Options, so fal applies its own defaults.
 */
export function planRequest(model: FalModelSchema, endpoint: FalEndpointSchema, read: ParameterReader): RequestPlan {
	const body: IDataObject = {};
	const binaryFiles: BinaryFileInput[] = [];
	const options = (read(OPTIONS_PARAMETER, {}) ?? {}) as IDataObject;

	for (const field of endpoint.input) {
		if (field.type === 'file' && field.required) {
			const source = read(fileSourceParameter(field), 'binary') as FileSource;
			if (source === 'url') {
				body[field.name] = checkFileUrl(`${fileUrlLabel(field)} (${field.name})`, read(field.name, ''));
			} else {
				const property = String(read(fileBinaryParameter(field), '') ?? '').trim();
				if (!property) throw new FieldInputError(fileBinaryLabel(field), 'is empty; give the name of the binary field holding the file');
				binaryFiles.push({ bodyPath: field.name, label: fileBinaryLabel(field), property, imageOnly: true });
			}
			continue;
		}
		if (field.required) {
			body[field.name] = checkValue(model, field, read(field.name));
			continue;
		}
		if (options[field.name] === undefined) continue;
		if (field.type === 'image_size' && options[field.name] === CUSTOM_IMAGE_SIZE) {
			body[field.name] = customImageSize(model, field, options);
			continue;
		}
		body[field.name] = checkValue(model, field, options[field.name]);
	}
	return { body, binaryFiles };
}

function nameOf(field: FalFieldSchema): string {
	return `${labelOf(field.name)} (${field.name})`;
}

/** Checks one value against its schema and returns it the way fal wants it. */
function checkValue(model: FalModelSchema, field: FalFieldSchema, value: unknown, name = nameOf(field)): BodyValue {
	switch (field.type) {
		case 'string': {
			if (typeof value !== 'string' && typeof value !== 'number') throw new FieldInputError(name, `must be text, got ${describe(value)}`);
			const text = String(value);
			if (field.required && text.trim() === '') throw new FieldInputError(name, 'is required and must not be empty');
			checkEnum(name, field, text);
			return text;
		}
		case 'integer':
		case 'float': {
			const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			if (typeof number !== 'number' || !Number.isFinite(number)) throw new FieldInputError(name, `must be a number, got ${describe(value)}`);
			if (field.type === 'integer' && !Number.isInteger(number)) throw new FieldInputError(name, `must be a whole number, got ${number}`);
			if (field.minimum !== undefined && number < field.minimum) throw new FieldInputError(name, `must be at least ${field.minimum}, got ${number}`);
			if (field.maximum !== undefined && number > field.maximum) throw new FieldInputError(name, `must be at most ${field.maximum}, got ${number}`);
			checkEnum(name, field, number);
			return number;
		}
		case 'boolean':
			if (typeof value !== 'boolean') throw new FieldInputError(name, `must be true or false, got ${describe(value)}`);
			return value;
		case 'image_size':
			if (typeof value === 'object' && value !== null) return value as IDataObject;
			checkEnum(name, field, String(value));
			return String(value);
		case 'file':
			return checkFileUrl(name, value);
		case 'list':
			return listValue(model, field, value);
	}
}

function checkEnum(name: string, field: FalFieldSchema, value: string | number): void {
	if (field.enum && !field.enum.includes(value)) {
		throw new FieldInputError(name, `must be one of ${field.enum.join(', ')}; got ${JSON.stringify(value)}`);
	}
}

function customImageSize(model: FalModelSchema, field: FalFieldSchema, options: IDataObject): IDataObject {
	const size: IDataObject = {};
	for (const part of model.types.ImageSize ?? []) {
		const value = options[imageSizePartParameter(field, part)] ?? part.default;
		size[part.name] = checkValue(model, { ...part, name: imageSizePartParameter(field, part) }, value);
	}
	return size;
}

/** A fixedCollection's entries, or a comma-separated text, as fal's list. */
function listValue(model: FalModelSchema, field: FalFieldSchema, value: unknown): string[] | IDataObject[] {
	const entryFields = field.items ? model.types[field.items] : undefined;
	if (!entryFields) {
		if (Array.isArray(value)) return value.map(String);
		return String(value ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
	}
	const entries = ((value as IDataObject | undefined)?.[LIST_ENTRY] ?? []) as IDataObject[];
	return entries.map((entry, index) => {
		const item: IDataObject = {};
		for (const entryField of entryFields) {
			const entryValue = entry[entryField.name];
			if (entryValue === undefined || entryValue === '') {
				if (entryField.required) throw new FieldInputError(`${nameOf(field)} entry ${index + 1}`, `${labelOf(entryField.name)} is required`);
				continue;
			}
			item[entryField.name] = checkValue(model, entryField, entryValue, `${nameOf(field)} entry ${index + 1}, ${labelOf(entryField.name)}`);
		}
		return item;
	});
}

/** fal takes an http(s) URL or a data URI for every file input. */
export function checkFileUrl(name: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new FieldInputError(name, 'is empty; give an http(s) URL or a data URI');
	if (text.startsWith('data:')) {
		if (!/^data:[\w.+-]+\/[\w.+-]+(;[\w-]+=[^;,]*)*;base64,[A-Za-z0-9+/=\s]+$/.test(text)) {
			throw new FieldInputError(name, 'is not a valid data URI (expected data:<type>;base64,<data>)');
		}
		return text;
	}
	if (!URL.canParse(text)) throw new FieldInputError(name, `is not a valid URL: ${JSON.stringify(text.slice(0, 200))}`);
	const url = new URL(text);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new FieldInputError(name, `must be an http(s) URL or a data URI, got a ${url.protocol} URL`);
	}
	return text;
}

function describe(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'nothing';
	return `${typeof value} ${JSON.stringify(value).slice(0, 100)}`;
}
