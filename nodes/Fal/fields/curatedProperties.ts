import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
	NodeParameterValue,
} from 'n8n-workflow';
import type { CuratedEndpoint, FalFieldSchema, CuratedFile } from '../schema/types';
import {
	CUSTOM_IMAGE_SIZE,
	defaultBinaryProperty,
	fileBinaryLabel,
	fileBinaryParameter,
	fileLabelOf,
	fileSourceParameter,
	fileUrlLabel,
	imageSizePartParameter,
	LIST_ENTRY,
	OPTIONS_PARAMETER,
} from '../request/parameterNames';
import { labelOf } from '../schema/labels';
import { imageSizeTypeOf } from '../schema/types';

/**
 * The node properties of one endpoint, derived from its schema data: file
 * inputs first, then the other required fields, then every optional field in
 * one "Options" collection. `show` is where they appear (model + operation).
 */
export function endpointProperties(
	model: CuratedFile,
	endpoint: CuratedEndpoint,
	show: IDisplayOptions['show'],
): INodeProperties[] {
	const files = endpoint.input.filter((field) => field.type === 'file' && field.required);
	const required = endpoint.input.filter((field) => field.type !== 'file' && field.required);
	const optional = endpoint.input.filter((field) => !field.required);

	const options = optional
		.flatMap((field) => fieldProperties(model, field))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));

	const properties: INodeProperties[] = [
		...files.flatMap((field) => fileProperties(field)),
		...required.flatMap((field) => fieldProperties(model, field)),
		...(options.length > 0
			? [
					{
						displayName: 'Options',
						name: OPTIONS_PARAMETER,
						type: 'collection',
						placeholder: 'Add Option',
						default: {},
						description: `Optional inputs of ${endpoint.endpointId}; fal applies its documented default to any left out`,
						options,
					} satisfies INodeProperties,
				]
			: []),
	];
	return properties.map((property) => ({
		...property,
		displayOptions: { show: { ...show, ...property.displayOptions?.show } },
	}));
}

/** A file input: read from a binary field of the item, or given as a URL. */
function fileProperties(field: FalFieldSchema): INodeProperties[] {
	const label = fileLabelOf(field);
	const source = fileSourceParameter(field);
	return [
		{
			displayName: `${label} From`,
			name: source,
			type: 'options',
			options: [
				{
					name: 'Binary File',
					value: 'binary',
					description: 'A binary field of the input item, uploaded to fal storage',
				},
				{
					name: 'URL',
					value: 'url',
					description: 'A public http(s) URL or a data URI, passed to fal as is',
				},
			],
			default: 'binary',
			description: field.description,
		},
		{
			displayName: fileBinaryLabel(field),
			name: fileBinaryParameter(field),
			type: 'string',
			required: true,
			default: defaultBinaryProperty(field),
			hint: `The name of the input binary field holding the ${label.toLowerCase()}`,
			displayOptions: { show: { [source]: ['binary'] } },
		},
		{
			displayName: fileUrlLabel(field),
			name: field.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/image.png',
			description: field.description,
			displayOptions: { show: { [source]: ['url'] } },
		},
	];
}

/** A curated field's default: the data files hold plain values only (lists are handled apart). */
const defaultOf = (field: FalFieldSchema) => field.default as NodeParameterValue | undefined;

/** The n8n property (or properties) for one non-file field. */
function fieldProperties(model: CuratedFile, field: FalFieldSchema): INodeProperties[] {
	const common = {
		displayName: labelOf(field.name),
		name: field.name,
		description: field.description,
		...(field.required ? { required: true } : {}),
	};
	switch (field.type) {
		case 'string':
			if (field.enum)
				return [
					{
						...common,
						type: 'options',
						options: enumOptions(field.enum),
						default: defaultOf(field) ?? field.enum[0],
					},
				];
			return [
				{
					...common,
					type: 'string',
					default: defaultOf(field) ?? '',
					...(field.name.endsWith('prompt') ? { typeOptions: { rows: 3 } } : {}),
				},
			];
		case 'integer':
		case 'float':
			if (field.enum)
				return [
					{
						...common,
						type: 'options',
						options: enumOptions(field.enum),
						default: defaultOf(field) ?? field.enum[0],
					},
				];
			return [
				{
					...common,
					type: 'number',
					default: defaultOf(field) ?? field.minimum ?? 0,
					typeOptions: {
						numberPrecision: field.type === 'integer' ? 0 : 2,
						...(field.minimum !== undefined ? { minValue: field.minimum } : {}),
						...(field.maximum !== undefined ? { maxValue: field.maximum } : {}),
					},
				},
			];
		case 'boolean':
			return [{ ...common, type: 'boolean', default: defaultOf(field) ?? false }];
		case 'image_size':
			return imageSizeProperties(model, field, common);
		case 'list':
			return [listProperty(model, field, common)];
		case 'file':
			// Optional file inputs: a URL or data URI (binary inputs are for the
			// required files, which sit on top).
			return [
				{ ...common, type: 'string', default: '', placeholder: 'https://example.com/image.png' },
			];
		case 'json':
			return [
				{
					...common,
					type: 'json',
					default: JSON.stringify(field.default ?? (field.jsonType === 'array' ? [] : {})),
				},
			];
	}
}

/** A preset (fal's enum) or "Custom", which reveals width and height. */
function imageSizeProperties(
	model: CuratedFile,
	field: FalFieldSchema,
	common: Pick<INodeProperties, 'displayName' | 'name' | 'description'>,
): INodeProperties[] {
	const parts = model.types[imageSizeTypeOf(field)] ?? [];
	const presets = field.enum ?? [];
	return [
		{
			...common,
			type: 'options',
			options: [
				...enumOptions(presets),
				{ name: 'Custom', value: CUSTOM_IMAGE_SIZE, description: 'Width and height in pixels' },
			],
			default: defaultOf(field) ?? presets[0] ?? CUSTOM_IMAGE_SIZE,
		},
		...parts.flatMap((part) =>
			fieldProperties(model, part).map((property) => ({
				...property,
				displayName: `${common.displayName} ${property.displayName}`,
				name: imageSizePartParameter(field, part),
				displayOptions: { show: { [field.name]: [CUSTOM_IMAGE_SIZE] } },
			})),
		),
	];
}

/**
 * A list of objects (LoRAs, embeddings) as a multi-value fixedCollection; a
 * list of strings as one comma-separated text field.
 */
function listProperty(
	model: CuratedFile,
	field: FalFieldSchema,
	common: Pick<INodeProperties, 'displayName' | 'name' | 'description'>,
): INodeProperties {
	const entryFields = field.items ? model.types[field.items] : undefined;
	if (!entryFields) {
		const defaults = Array.isArray(field.default) ? field.default.join(', ') : '';
		return { ...common, type: 'string', default: defaults, hint: 'Separate entries with commas' };
	}
	return {
		...common,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${labelOf(field.items!).replace(/ Weight$/, '')}`,
		default: {},
		options: [
			{
				displayName: labelOf(field.items!),
				name: LIST_ENTRY,
				values: entryFields.flatMap((entryField) => fieldProperties(model, entryField)),
			},
		],
	};
}

function enumOptions(values: Array<string | number>): INodePropertyOptions[] {
	return values.map((value) => ({ name: String(value), value }));
}
