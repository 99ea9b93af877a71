import type { IDataObject } from 'n8n-workflow';
import {
	type CuratedEndpoint,
	type CuratedFile,
	type FalFieldSchema,
	imageSizeTypeOf,
} from '../schema/types';
import type { BinaryFileInput, ParameterReader, RequestPlan } from './plan';
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
} from './parameterNames';
import { type BodyValue, checkFileUrl, checkValue } from './values';
import { FieldInputError } from './fieldInputError';

/**
 * The generic inverse of fields/curatedProperties.ts: node parameters back into the
 * request body fal documents. Required fields are always sent; optional ones
 * only when the user added them to Options, so fal applies its own defaults.
 */
export function planRequest(
	model: CuratedFile,
	endpoint: CuratedEndpoint,
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
function optionalValue(model: CuratedFile, field: FalFieldSchema, options: IDataObject): BodyValue {
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
	model: CuratedFile,
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
