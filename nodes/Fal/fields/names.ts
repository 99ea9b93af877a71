import type { FalFieldSchema } from '../models/types';

/**
 * How fal field names become n8n parameter names and labels. Shared by the
 * property builder and the request-body builder so the two always agree.
 *
 * Parameters carry fal's own field names (`prompt`, `image_url`, ...). A file
 * field gets two companions: where the file comes from, and which binary field
 * holds it.
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

const WORDS: Record<string, string> = {
	num: 'Number of',
	url: 'URL',
	cfg: 'CFG',
	nsfw: 'NSFW',
	lora: 'LoRA',
	loras: 'LoRAs',
	controlnet: 'ControlNet',
	id: 'ID',
};

/** `num_inference_steps` → "Number of Inference Steps"; `LoraWeight` → "LoRA Weight". */
export function labelOf(name: string): string {
	return name
		.replace(/([a-z])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.split('_')
		.filter(Boolean)
		.map((word) => WORDS[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

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
