import type { FieldType, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';
import type { EndpointFields, FalFieldSchema } from '../models/types';
import { CUSTOM_IMAGE_SIZE, imageSizePartParameter } from './names';
import { imageSizeTypeOf, labelOfField } from './values';

/**
 * A live endpoint's fields as n8n's resource mapper shows them: typed inputs,
 * required ones marked, fal's defaults filled in. n8n's mapper shows no
 * description per field, so what a user needs to fill one in (its range,
 * unit, default, and how to give a file) is in its name; the descriptions are
 * on the endpoint's fal API page, which the Endpoint picker links.
 */

/** How a file input is given, as its name says it (the notice above the fields says more). */
export const FILE_HINT = 'URL or binary field';
export const FILES_HINT = 'URLs or binary fields';

export function mapperFields(schema: EndpointFields): ResourceMapperField[] {
	return schema.input.flatMap((field) => {
		const mapped = mapperField(field);
		if (field.type !== 'image_size') return [mapped];
		// The custom size's parts, hidden until added: sent only when Image Size is "custom".
		const parts = schema.types[imageSizeTypeOf(field)] ?? [];
		return [
			mapped,
			...parts.map((part) => ({
				...mapperField({ ...part, required: false }),
				id: imageSizePartParameter(field, part),
				displayName: `${labelOfField(field)}: Custom ${labelOfField(part)} (${hintsOf(part, 'px').join(', ')}; when ${labelOfField(field)} is ${CUSTOM_IMAGE_SIZE})`,
				removed: true,
			})),
		];
	});
}

function mapperField(field: FalFieldSchema): ResourceMapperField {
	const hints = hintsOf(field);
	const options = optionsOf(field);
	const defaultValue = defaultOf(field);
	return {
		id: field.name,
		displayName: `${labelOfField(field)}${hints.length ? ` (${hints.join(', ')})` : ''}`,
		required: field.required === true,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: typeOf(field, options),
		...(options ? { options } : {}),
		...(defaultValue !== undefined ? { defaultValue } : {}),
	};
}

function typeOf(field: FalFieldSchema, options: INodePropertyOptions[] | undefined): FieldType {
	if (options) return 'options';
	switch (field.type) {
		case 'integer':
		case 'float':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'list':
			return field.items && field.items !== 'string' ? 'array' : 'string';
		case 'json':
			return field.jsonType ?? 'object';
		default:
			return 'string';
	}
}

function optionsOf(field: FalFieldSchema): INodePropertyOptions[] | undefined {
	if (field.type === 'image_size') {
		return [...(field.enum ?? []).map((value) => ({ name: String(value), value })), { name: 'Custom (Width and Height Below)', value: CUSTOM_IMAGE_SIZE }];
	}
	if (!field.enum || field.type === 'file') return undefined;
	return field.enum.map((value) => ({ name: String(value), value }));
}

/** What a user needs to fill the field in without its description: its range, unit, form and default. */
function hintsOf(field: FalFieldSchema, unit?: string): string[] {
	const hints: string[] = [];
	if (unit) hints.push(unit);
	const range = rangeOf(field);
	if (range) hints.push(range);
	if (field.maxLength !== undefined) hints.push(`up to ${field.maxLength} characters`);
	if (field.type === 'file') hints.push(field.multiple ? FILES_HINT : FILE_HINT);
	if (field.type === 'list') hints.push(field.items && field.items !== 'string' ? 'JSON array' : 'comma-separated');
	if (field.type === 'json') hints.push(field.jsonType === 'array' ? 'JSON array' : 'JSON');
	if (field.type === 'image_size') hints.push('a preset or custom');
	const shown = defaultOf(field);
	if (shown !== undefined && shown !== '' && field.type !== 'json' && field.type !== 'list') hints.push(`default ${String(shown)}`);
	return hints;
}

/** "1–50", "> 0, ≤ 14142", "≥ 0.1": the bounds a number must keep. */
function rangeOf(field: FalFieldSchema): string | undefined {
	const lower = field.minimum !== undefined ? `≥ ${field.minimum}` : field.exclusiveMinimum !== undefined ? `> ${field.exclusiveMinimum}` : undefined;
	const upper = field.maximum !== undefined ? `≤ ${field.maximum}` : field.exclusiveMaximum !== undefined ? `< ${field.exclusiveMaximum}` : undefined;
	if (field.minimum !== undefined && field.maximum !== undefined) return `${field.minimum}–${field.maximum}`;
	return [lower, upper].filter(Boolean).join(', ') || undefined;
}

/** The schema's default as the mapper pre-fills it; objects and lists as JSON text. */
function defaultOf(field: FalFieldSchema): string | number | boolean | undefined {
	const value = field.default;
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'object') return JSON.stringify(value);
	return value;
}
