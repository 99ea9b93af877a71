import type { FieldType, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';
import type { EndpointFields, FalDefault, FalFieldSchema } from '../schema/types';
import { CUSTOM_IMAGE_SIZE, imageSizePartParameter } from '../request/parameterNames';
import { imageSizeTypeOf } from '../schema/types';
import { labelOfField } from '../schema/labels';

/**
 * A live endpoint's fields as n8n's resource mapper shows them: typed inputs,
 * required ones marked, fal's defaults filled in. n8n's mapper shows no
 * description per field, so what a user needs to fill one in (its range,
 * unit, default, and how to give a file) is in its name; the descriptions are
 * on the endpoint's fal API page, which the Endpoint picker links.
 *
 * The editor pre-fills each field with its `defaultValue`, and n8n checks that
 * value against the field's type and options before it runs the workflow: a
 * default is given only where it is valid for its field, and only for plain
 * values. An object or list default is not pre-filled, so it is not sent
 * unless the user sets it, and fal applies its own; a scalar default is
 * pre-filled and sent, the very value fal would use (the user sees what is
 * sent). A preset-or-object field whose fal default is an object starts on
 * Custom, its parts holding fal's values.
 */

/** How a file input is given, as its name says it (the notice above the fields says more). */
const FILE_HINT = 'URL or binary field';
const FILES_HINT = 'URLs or binary fields';

export function mapperFields(schema: EndpointFields): ResourceMapperField[] {
	return schema.input.flatMap((field) => {
		const mapped = mapperField(field);
		if (field.type !== 'image_size') return [mapped];
		// The custom size's parts, hidden until added: sent only when Image Size is "custom".
		const parts = schema.types[imageSizeTypeOf(field)] ?? [];
		return [
			mapped,
			...parts.map((part) => {
				const partDefault = objectDefaultOf(field)?.[part.name] ?? part.default;
				return {
					...mapperField({ ...part, required: false, default: partDefault }),
					id: imageSizePartParameter(field, part),
					displayName: `${labelOfField(field)}: Custom ${labelOfField(part)} (${hintsOf({ ...part, default: partDefault }, 'px').join(', ')}; when ${labelOfField(field)} is ${CUSTOM_IMAGE_SIZE})`,
					removed: true,
				};
			}),
		];
	});
}

function mapperField(field: FalFieldSchema): ResourceMapperField {
	const hints = hintsOf(field);
	const options = optionsOf(field);
	const defaultValue = prefilledValueOf(field);
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

/** A preset-or-object field's default when it is an object ({ width: 2048, height: 2048 }). */
function objectDefaultOf(field: FalFieldSchema): Record<string, FalDefault> | undefined {
	const value = field.default;
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function typeOf(field: FalFieldSchema, options: INodePropertyOptions[] | undefined): FieldType {
	if (options) return 'options';
	// Presets offered, any value taken: text, which n8n does not hold to the presets.
	if (field.presets) return 'string';
	switch (field.type) {
		case 'integer':
		case 'float':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'list':
			return field.items && field.items !== 'string' ? 'array' : 'string';
		case 'json':
			// A union the node cannot type: JSON text (or plain text), checked when the item runs.
			return field.jsonType ?? 'string';
		default:
			return 'string';
	}
}

function optionsOf(field: FalFieldSchema): INodePropertyOptions[] | undefined {
	if (field.type === 'image_size') {
		return [
			...(field.enum ?? []).map((value) => ({ name: String(value), value })),
			{ name: 'Custom (Width and Height Below)', value: CUSTOM_IMAGE_SIZE },
		];
	}
	if (!field.enum || field.type === 'file') return undefined;
	return field.enum.map((value) => ({ name: String(value), value }));
}

/** What a user needs to fill the field in without its description: its range, unit, form and default. */
function hintsOf(field: FalFieldSchema, unit?: string): string[] {
	const hints: string[] = [];
	if (unit) hints.push(unit);
	if (field.presets)
		hints.push(
			`${presetsText(field.presets)} or any ${field.type === 'string' ? 'text' : field.type === 'integer' ? 'whole number' : 'number'}`,
		);
	const range = rangeOf(field);
	if (range) hints.push(range);
	if (field.maxLength !== undefined) hints.push(`up to ${field.maxLength} characters`);
	if (field.type === 'file') hints.push(field.multiple ? FILES_HINT : FILE_HINT);
	if (field.type === 'list')
		hints.push(field.items && field.items !== 'string' ? 'JSON array' : 'comma-separated');
	if (field.type === 'json') hints.push(field.jsonType === 'array' ? 'JSON array' : 'JSON');
	if (field.type === 'image_size') hints.push('a preset or custom');
	const objectDefault = field.type === 'image_size' ? objectDefaultOf(field) : undefined;
	if (objectDefault)
		hints.push(
			`default ${CUSTOM_IMAGE_SIZE}: ${Object.entries(objectDefault)
				.map(([name, value]) => `${name} ${String(value)}`)
				.join(', ')}`,
		);
	const shown = prefilledValueOf(field);
	if (
		shown !== undefined &&
		shown !== '' &&
		!objectDefault &&
		field.type !== 'json' &&
		field.type !== 'list'
	)
		hints.push(`default ${String(shown)}`);
	return hints;
}

/** The presets a name can hold: all of a few, the first of many. */
function presetsText(presets: Array<string | number>): string {
	return presets.length <= 12 ? presets.join(', ') : `${presets.slice(0, 8).join(', ')}, …`;
}

/** "1–50", "> 0, ≤ 14142", "≥ 0.1": the bounds a number must keep. */
function rangeOf(field: FalFieldSchema): string | undefined {
	const lower =
		field.minimum !== undefined
			? `≥ ${field.minimum}`
			: field.exclusiveMinimum !== undefined
				? `> ${field.exclusiveMinimum}`
				: undefined;
	const upper =
		field.maximum !== undefined
			? `≤ ${field.maximum}`
			: field.exclusiveMaximum !== undefined
				? `< ${field.exclusiveMaximum}`
				: undefined;
	if (field.minimum !== undefined && field.maximum !== undefined)
		return `${field.minimum}–${field.maximum}`;
	return [lower, upper].filter(Boolean).join(', ') || undefined;
}

/**
 * What the editor pre-fills: fal's default where it is a plain value valid
 * for the field as n8n checks it (an option's exact value, a number, true or
 * false, text); nothing for object and list defaults, which fal applies
 * itself when the field is left empty.
 */
function prefilledValueOf(field: FalFieldSchema): string | number | boolean | undefined {
	const value = field.default;
	if (value === undefined || value === null) return undefined;
	if (field.type === 'image_size') {
		if (objectDefaultOf(field)) return CUSTOM_IMAGE_SIZE;
		return field.enum?.some((preset) => String(preset) === String(value))
			? String(value)
			: undefined;
	}
	if (typeof value === 'object') return undefined;
	if (field.presets) return String(value);
	if (field.enum) return field.enum.find((option) => String(option) === String(value));
	switch (field.type) {
		case 'integer':
		case 'float':
			return typeof value === 'number'
				? value
				: Number.isFinite(Number(value)) && String(value).trim() !== ''
					? Number(value)
					: undefined;
		case 'boolean':
			return typeof value === 'boolean'
				? value
				: value === 'true'
					? true
					: value === 'false'
						? false
						: undefined;
		case 'json':
			return field.jsonType ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
		case 'list':
			return undefined;
		default:
			return String(value);
	}
}
