import { labelOf } from '../schema/labels';
import type { FalFieldSchema } from '../schema/types';

/**
 * The names of the parameters an endpoint's input is entered in: what the
 * editor's fields (fields/) are called and what the request builders here
 * read, so that the two always agree.
 *
 * A curated endpoint's parameters carry fal's own field names (`prompt`,
 * `image_url`, ...). A file field gets two companions: where the file comes
 * from, and which binary field holds it.
 */
export const fileSourceParameter = (field: FalFieldSchema) => `${field.name}_input`;
export const fileBinaryParameter = (field: FalFieldSchema) => `${field.name}_binary_property`;

/** The sub-fields of a custom `image_size` ({ width, height }) in the Options. */
export const imageSizePartParameter = (field: FalFieldSchema, part: FalFieldSchema) =>
	`${field.name}_${part.name}`;

/** The `image_size` option value that reveals the width and height fields. */
export const CUSTOM_IMAGE_SIZE = 'custom';

/** The name of each entry list inside a list (fixedCollection) parameter. */
export const LIST_ENTRY = 'values';

/** The collection holding every optional fal field of the selected endpoint. */
export const OPTIONS_PARAMETER = 'options';

export type FileSource = 'binary' | 'url';

/** `mask_url` → "Mask": what a file field holds, without the transport word. */
export function fileLabelOf(field: FalFieldSchema): string {
	return labelOf(field.name.replace(/_url$/, ''));
}

/** The labels of a file field's binary-field and URL parameters ("Mask Input Binary Field", "Mask URL"). */
export const fileBinaryLabel = (field: FalFieldSchema) =>
	`${fileLabelOf(field)} Input Binary Field`;
export const fileUrlLabel = (field: FalFieldSchema) => `${fileLabelOf(field)} URL`;

/**
 * The binary field a file input reads by default: n8n's own default (`data`,
 * what Read File, HTTP Request and Drive nodes write) for the main image, and
 * the first word of the field for the others (`mask`, `control`).
 */
export function defaultBinaryProperty(field: FalFieldSchema): string {
	if (field.name === 'image_url') return 'data';
	return field.name.split('_')[0];
}

/** Any fal Endpoint (node version 2): typed fields (the resource mapper) or JSON. */
export const INPUT_MODE_PARAMETER = 'inputMode';
export const INPUT_FIELDS_PARAMETER = 'inputFields';
/** JSON mode: the input, and the files uploaded into it. */
export const INPUT_JSON_PARAMETER = 'inputJson';
export const FILES_PARAMETER = 'files';
export const JSON_INPUT_LABEL = 'Input (JSON)';

export type InputMode = 'fields' | 'json';
