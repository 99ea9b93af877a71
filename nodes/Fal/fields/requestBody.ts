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
	LIST_ENTRY,
	OPTIONS_PARAMETER,
} from './names';
import {
	type BodyValue,
	checkFileUrl,
	checkValue,
	FieldInputError,
	imageSizeTypeOf,
} from './values';

/** Reads one node parameter of the current item (`getNodeParameter` bound to it). */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;

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
export function planRequest(
	model: FalModelSchema,
	endpoint: FalEndpointSchema,
	read: ParameterReader,
): RequestPlan {
	const body: IDataObject = {};
	const binaryFiles: BinaryFileInput[] = [];
	const options = (read(OPTIONS_PARAMETER, {}) ?? {}) as IDataObject;

	for (const field of endpoint.input) {
		if (field.type === 'file' && field.required) {
			const source = read(fileSourceParameter(field), 'binary') as FileSource;
			if (source === 'url') {
				body[field.name] = checkFileUrl(
					`${fileUrlLabel(field)} (${field.name})`,
					read(field.name, ''),
				);
			} else {
				const property = String(read(fileBinaryParameter(field), '') ?? '').trim();
				if (!property)
					throw new FieldInputError(
						fileBinaryLabel(field),
						'is empty; give the name of the binary field holding the file',
					);
				binaryFiles.push({
					bodyPath: field.name,
					label: fileBinaryLabel(field),
					property,
					imageOnly: true,
				});
			}
			continue;
		}
		if (field.required) {
			body[field.name] = checkValue(field, read(field.name), model.types);
			continue;
		}
		if (options[field.name] === undefined) continue;
		body[field.name] = optionalValue(model, field, options);
	}
	return { body, binaryFiles };
}

/** An optional field of a curated endpoint: a custom image size from its parts, a LoRA list from its entries, or the value itself. */
function optionalValue(
	model: FalModelSchema,
	field: FalFieldSchema,
	options: IDataObject,
): BodyValue {
	const value = options[field.name];
	if (field.type === 'image_size' && value === CUSTOM_IMAGE_SIZE)
		return customImageSize(model, field, options);
	// A list of objects is a fixedCollection here: its entries sit under `values`.
	if (field.type === 'list' && field.items && model.types[field.items])
		return checkValue(
			field,
			((value as IDataObject | undefined)?.[LIST_ENTRY] ?? []) as IDataObject[],
			model.types,
		);
	return checkValue(field, value, model.types);
}

function customImageSize(
	model: FalModelSchema,
	field: FalFieldSchema,
	options: IDataObject,
): IDataObject {
	const size: IDataObject = {};
	for (const part of model.types[imageSizeTypeOf(field)] ?? []) {
		const value = options[imageSizePartParameter(field, part)] ?? part.default;
		size[part.name] = checkValue(
			{ ...part, name: imageSizePartParameter(field, part) },
			value,
			model.types,
		);
	}
	return size;
}
