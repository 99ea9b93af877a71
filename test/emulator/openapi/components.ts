/**
 * Schemas that recur across fal's endpoint documents (media objects, the
 * custom image size), written as fal writes them, and small builders for the
 * conventions of fal-platform.md: titles from names, nullable optionals, refs.
 */
import { IMAGE_SIZE_PRESETS } from '../images';
import type { JsonSchema } from './types';

export function ref(name: string): JsonSchema {
	return { $ref: `#/components/schemas/${name}` };
}

/** pydantic's title for a field name: `num_inference_steps` → "Num Inference Steps". */
export function titleOf(name: string): string {
	return name
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** `Optional[X]` without a default, as pydantic writes it: `anyOf: [X, {type: "null"}]`. */
export function nullable(schema: JsonSchema): JsonSchema {
	return { anyOf: [schema, { type: 'null' }] };
}

/** An object schema with fal's order list, in the order the properties are given. */
export function objectSchema(
	title: string,
	properties: Record<string, JsonSchema>,
	required: string[] = [],
	extra: JsonSchema = {},
): JsonSchema {
	return {
		title,
		type: 'object',
		...extra,
		'x-fal-order-properties': Object.keys(properties),
		properties,
		...(required.length > 0 ? { required } : {}),
	};
}

function mediaProperties(kind: string, defaultType?: string): Record<string, JsonSchema> {
	return {
		url: {
			title: 'Url',
			type: 'string',
			description: `The URL where the ${kind} can be downloaded from.`,
		},
		content_type: {
			...nullable({ type: 'string' }),
			title: 'Content Type',
			description: `The mime type of the ${kind}.`,
			...(defaultType ? { examples: [defaultType] } : {}),
		},
		file_name: {
			...nullable({ type: 'string' }),
			title: 'File Name',
			description: `The name of the ${kind}. It will be auto-generated if not provided.`,
		},
		file_size: {
			...nullable({ type: 'integer' }),
			title: 'File Size',
			description: `The size of the ${kind} in bytes.`,
		},
	};
}

/** fal's generic media object: what `video`, `audio` and `file` outputs (and old-style file inputs) are. */
export const FILE_SCHEMA: JsonSchema = objectSchema('File', mediaProperties('file'), ['url']);

/** fal's image object: a File with its pixel size. */
export const IMAGE_SCHEMA: JsonSchema = objectSchema(
	'Image',
	{
		...mediaProperties('file', 'image/png'),
		width: {
			...nullable({ type: 'integer' }),
			title: 'Width',
			description: 'The width of the image in pixels.',
		},
		height: {
			...nullable({ type: 'integer' }),
			title: 'Height',
			description: 'The height of the image in pixels.',
		},
	},
	['url'],
	{ description: 'Represents an image file.' },
);

export const IMAGE_SIZE_PRESET_NAMES = Object.keys(IMAGE_SIZE_PRESETS);

/** A custom size, as fal's recent documents write it (an exclusive lower bound of 0). */
export const IMAGE_SIZE_SCHEMA: JsonSchema = objectSchema('ImageSize', {
	width: {
		title: 'Width',
		type: 'integer',
		description: 'The width of the generated image.',
		exclusiveMinimum: 0,
		maximum: 14142,
		default: 512,
	},
	height: {
		title: 'Height',
		type: 'integer',
		description: 'The height of the generated image.',
		exclusiveMinimum: 0,
		maximum: 14142,
		default: 512,
	},
});

/** `image_size`: a preset name or a custom `ImageSize`, as fal's text-to-image endpoints take it. */
export function imageSizeProperty(
	description: string,
	defaultPreset?: string,
	presets: Array<string | number> = IMAGE_SIZE_PRESET_NAMES,
): JsonSchema {
	const branches: JsonSchema[] = [ref('ImageSize'), { enum: presets, type: 'string' }];
	return {
		anyOf: defaultPreset ? branches : [...branches, { type: 'null' }],
		title: 'Image Size',
		description,
		...(defaultPreset ? { default: defaultPreset } : {}),
	};
}

export const SEED_DESCRIPTION =
	'The same seed and the same prompt given to the same version of the model will output the same image every time.';

export const SYNC_MODE_DESCRIPTION =
	"If set to true, the media will be returned as a data URI and the output data won't be available in the request history.";

/** The fields of an image model's output, as fal's image endpoints describe them. */
export const IMAGE_OUTPUT_FIELDS: Record<string, JsonSchema> = {
	images: {
		title: 'Images',
		type: 'array',
		items: ref('Image'),
		description: 'The generated image files info.',
	},
	// Older endpoints (background removal) point at their single image through allOf.
	image: { title: 'Image', description: 'The generated image file info.', allOf: [ref('Image')] },
	timings: { title: 'Timings', type: 'object', additionalProperties: { type: 'number' } },
	seed: {
		title: 'Seed',
		type: 'integer',
		description:
			'Seed of the generated Image. It will be the same value of the one passed in the input or the randomly generated that was used in case none was passed.',
	},
	has_nsfw_concepts: {
		title: 'Has Nsfw Concepts',
		type: 'array',
		items: { type: 'boolean' },
		description: 'Whether the generated images contain NSFW concepts.',
	},
	prompt: {
		title: 'Prompt',
		type: 'string',
		description: 'The prompt used for generating the image.',
	},
};
