import type { IDataObject } from 'n8n-workflow';
import type { FalFieldSchema } from '../schema/types';
import { labelOfField, nameOf } from '../schema/labels';
import { imageSizeTypeOf } from '../schema/types';
import { FieldInputError } from './fieldInputError';

/**
 * The checks every value goes through before fal sees it, whichever way it
 * was entered (a curated endpoint's parameters, a live schema's fields): its
 * type, enum, range and length, the entries of a list. Shared by
 * requestBody.ts and mapperBody.ts, so both refuse the same things alike.
 */

export type BodyValue = IDataObject[string];

/** The object types the fields refer to (ImageSize, LoraWeight, …), by name. */
export type FieldTypes = Record<string, FalFieldSchema[]>;

/** Checks one value against its field and returns it the way fal wants it. */
export function checkValue(
	field: FalFieldSchema,
	value: unknown,
	types: FieldTypes,
	name = nameOf(field),
): BodyValue {
	switch (field.type) {
		case 'string': {
			if (typeof value !== 'string' && typeof value !== 'number')
				throw new FieldInputError(name, `must be text, got ${describe(value)}`);
			const text = String(value);
			if (field.required && text.trim() === '')
				throw new FieldInputError(name, 'is required and must not be empty');
			if (field.maxLength !== undefined && text.length > field.maxLength)
				throw new FieldInputError(
					name,
					`must be at most ${field.maxLength} characters, got ${text.length}`,
				);
			checkEnum(name, field, text);
			return text;
		}
		case 'integer':
		case 'float': {
			// A preset beside the number (fal's `anyOf [integer, const "auto"]`) goes as fal names it.
			const preset = field.presets?.find(
				(candidate) => typeof value !== 'object' && String(candidate) === String(value).trim(),
			);
			return preset ?? checkNumber(field, value, name);
		}
		case 'boolean':
			if (value === 'true' || value === 'false') return value === 'true';
			if (typeof value !== 'boolean')
				throw new FieldInputError(name, `must be true or false, got ${describe(value)}`);
			return value;
		case 'image_size':
			if (typeof value === 'object' && value !== null && !Array.isArray(value))
				return checkObject(types[imageSizeTypeOf(field)] ?? [], value as IDataObject, types, name);
			checkEnum(name, field, String(value));
			return String(value);
		case 'file':
			if (field.multiple)
				return listOf(value, name).map((entry, index) =>
					checkFileUrl(`${name} entry ${index + 1}`, entry),
				);
			return checkFileUrl(name, value);
		case 'list':
			return listValue(field, value, types, name);
		case 'json':
			return jsonValue(field, value, name);
	}
}

function checkNumber(field: FalFieldSchema, value: unknown, name: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new FieldInputError(
			name,
			`must be a number${field.presets ? ` or one of ${field.presets.join(', ')}` : ''}, got ${describe(value)}`,
		);
	}
	if (field.type === 'integer' && !Number.isInteger(number))
		throw new FieldInputError(name, `must be a whole number, got ${number}`);
	if (field.minimum !== undefined && number < field.minimum)
		throw new FieldInputError(name, `must be at least ${field.minimum}, got ${number}`);
	if (field.maximum !== undefined && number > field.maximum)
		throw new FieldInputError(name, `must be at most ${field.maximum}, got ${number}`);
	if (field.exclusiveMinimum !== undefined && number <= field.exclusiveMinimum)
		throw new FieldInputError(name, `must be more than ${field.exclusiveMinimum}, got ${number}`);
	if (field.exclusiveMaximum !== undefined && number >= field.exclusiveMaximum)
		throw new FieldInputError(name, `must be less than ${field.exclusiveMaximum}, got ${number}`);
	checkEnum(name, field, number);
	return number;
}

function checkEnum(name: string, field: FalFieldSchema, value: string | number): void {
	// Compared as text: a numeric enum's value may arrive as "4" from an expression.
	if (field.enum && !field.enum.some((allowed) => String(allowed) === String(value))) {
		throw new FieldInputError(
			name,
			`must be one of ${field.enum.join(', ')}; got ${JSON.stringify(value)}`,
		);
	}
}

/** An object's fields checked one by one; required ones must be there. */
function checkObject(
	fields: FalFieldSchema[],
	value: IDataObject,
	types: FieldTypes,
	name: string,
): IDataObject {
	const object: IDataObject = {};
	for (const field of fields) {
		const entry = value[field.name];
		if (entry === undefined || entry === null || entry === '') {
			if (field.required) throw new FieldInputError(name, `${labelOfField(field)} is required`);
			continue;
		}
		object[field.name] = checkValue(field, entry, types, `${name}, ${labelOfField(field)}`);
	}
	return object;
}

/** A list given as an array, a JSON array, or comma-separated text. */
export function listOf(value: unknown, name: string): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value !== 'string')
		throw new FieldInputError(name, `must be a list, got ${describe(value)}`);
	const text = value.trim();
	if (text.startsWith('[')) {
		const parsed = parseJson(text);
		if ('problem' in parsed || !Array.isArray(parsed.value))
			throw new FieldInputError(
				name,
				`is not a valid JSON array${'problem' in parsed ? `: ${parsed.problem}` : ''}`,
			);
		return parsed.value;
	}
	return text
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}

/** A list of strings, or of objects of the field's `items` type. */
function listValue(
	field: FalFieldSchema,
	value: unknown,
	types: FieldTypes,
	name: string,
): string[] | IDataObject[] {
	const entryFields = field.items ? types[field.items] : undefined;
	const entries = listOf(value, name);
	if (!entryFields) return entries.map(String);
	return entries.map((entry, index) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
			throw new FieldInputError(
				`${name} entry ${index + 1}`,
				`must be an object, got ${describe(entry)}`,
			);
		return checkObject(entryFields, entry as IDataObject, types, `${name} entry ${index + 1}`);
	});
}

function jsonValue(field: FalFieldSchema, value: unknown, name: string): BodyValue {
	let parsed = value;
	if (typeof value === 'string') {
		const result = parseJson(value);
		// A union of shapes the node cannot type may take plain text: what is not JSON goes as text.
		if ('problem' in result && !field.jsonType) return value;
		if ('problem' in result)
			throw new FieldInputError(name, `is not valid JSON: ${result.problem}`);
		parsed = result.value;
	}
	const isArray = Array.isArray(parsed);
	if (field.jsonType === 'array' && !isArray)
		throw new FieldInputError(name, `must be a JSON array, got ${describe(parsed)}`);
	if (field.jsonType === 'object' && (isArray || typeof parsed !== 'object' || parsed === null))
		throw new FieldInputError(name, `must be a JSON object, got ${describe(parsed)}`);
	return parsed as BodyValue;
}

export function parseJson(text: string): { value: unknown } | { problem: string } {
	try {
		return { value: JSON.parse(text) };
	} catch (error) {
		return { problem: (error as Error).message };
	}
}

/** Whether a value is given as a URL or a data URI (not a binary field's name). */
export function looksLikeUrl(value: string): boolean {
	return /^(https?:\/\/|data:)/i.test(value.trim());
}

/** fal takes an http(s) URL or a data URI for every file input. */
export function checkFileUrl(name: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new FieldInputError(name, 'is empty; give an http(s) URL or a data URI');
	if (text.startsWith('data:')) {
		if (!/^data:[\w.+-]+\/[\w.+-]+(;[\w-]+=[^;,]*)*;base64,[A-Za-z0-9+/=\s]+$/.test(text)) {
			throw new FieldInputError(
				name,
				'is not a valid data URI (expected data:<type>;base64,<data>)',
			);
		}
		return text;
	}
	if (!URL.canParse(text))
		throw new FieldInputError(name, `is not a valid URL: ${JSON.stringify(text.slice(0, 200))}`);
	const url = new URL(text);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new FieldInputError(
			name,
			`must be an http(s) URL or a data URI, got a ${url.protocol} URL`,
		);
	}
	return text;
}

function describe(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'nothing';
	return `${typeof value} ${JSON.stringify(value).slice(0, 100)}`;
}
