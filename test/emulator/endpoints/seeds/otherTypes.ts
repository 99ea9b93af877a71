/**
 * What the seed endpoints' pages (../shared/fal-docs) share: the "Other
 * types" they list (ImageSize, LoraWeight, Embedding, Image) and the fields
 * of their Output sections, each as the pages give it. The pages agree on
 * every one of them, but for LoraWeight's `force`, which only the Playground
 * pages list, and Playground takes no LoRAs. The Fast SDXL page lists no
 * other types at all: its ImageSize, LoraWeight and Embedding are its
 * siblings' (Hyper SDXL, ControlNet Canny).
 */
import { type PageField, pageObject } from '../../openapi/pageSchema';
import type { JsonSchema } from '../../openapi/types';

/**
 * The pages give ImageSize no bounds; fal's own documents of every endpoint
 * that takes one (test/fixtures/fal-openapi/) give the same shared class,
 * `exclusiveMinimum: 0, maximum: 14142`, and fal wins: a size of 0 or
 * 20000 is refused with fal's 422.
 */
const FAL_IMAGE_SIZE_BOUNDS: JsonSchema = { exclusiveMinimum: 0, maximum: 14142 };

const imageSizePage = pageObject('ImageSize', {
	width: { type: 'integer', description: 'The width of the generated image.', default: 512 },
	height: { type: 'integer', description: 'The height of the generated image.', default: 512 },
});

const IMAGE_SIZE: JsonSchema = {
	...imageSizePage,
	properties: Object.fromEntries(
		Object.entries(imageSizePage.properties ?? {}).map(([name, property]) => [
			name,
			{ ...property, ...FAL_IMAGE_SIZE_BOUNDS },
		]),
	),
};

const LORA_WEIGHT: JsonSchema = pageObject('LoraWeight', {
	path: {
		type: 'string',
		required: true,
		description: 'URL or the path to the LoRA weights. Or HF model name.',
	},
	scale: {
		type: 'float',
		description:
			'The scale of the LoRA weight. This is used to scale the LoRA weight before merging it with the base model.',
		default: 1,
	},
});

const EMBEDDING: JsonSchema = pageObject('Embedding', {
	path: {
		type: 'string',
		required: true,
		description: 'URL or the path to the embedding weights.',
	},
	tokens: {
		type: 'list<string>',
		description: 'The list of tokens to use for the embedding.',
		default: ['<s0>', '<s1>'],
	},
});

/** An output image: the pages give its fields no descriptions. */
const IMAGE: JsonSchema = pageObject('Image', {
	url: { type: 'string', required: true },
	width: { type: 'integer', required: true },
	height: { type: 'integer', required: true },
	content_type: { type: 'string', default: 'image/jpeg' },
});

/** The pages' Output fields, all required; an endpoint's page lists some of them, in this order. */
const OUTPUT_FIELDS = {
	images: { type: 'list<Image>', required: true, description: 'The generated image files info.' },
	// Its header is lost on the pages in the older layout (Playground Inpainting, ControlNet); the others list it.
	timings: { type: 'Timings', required: true },
	seed: {
		type: 'integer',
		required: true,
		description:
			'Seed of the generated Image. It will be the same value of the one passed in the input or the randomly generated that was used in case none was passed.',
	},
	has_nsfw_concepts: {
		type: 'list<boolean>',
		required: true,
		description: 'Whether the generated images contain NSFW concepts.',
	},
	prompt: {
		type: 'string',
		required: true,
		description: 'The prompt used for generating the image.',
	},
} satisfies Record<string, PageField>;

export type OutputFieldName = keyof typeof OUTPUT_FIELDS;

/** An endpoint's output schema: the fields its page's Output section lists. */
export function pageOutput(names: OutputFieldName[]): JsonSchema {
	return pageObject('Output', Object.fromEntries(names.map((name) => [name, OUTPUT_FIELDS[name]])));
}

/** The components a seed document refers to: the page's types its input uses, and the output's Image. */
export function pageComponents(...types: Array<'ImageSize' | 'LoraWeight' | 'Embedding'>) {
	const all: Record<string, JsonSchema> = {
		ImageSize: IMAGE_SIZE,
		LoraWeight: LORA_WEIGHT,
		Embedding: EMBEDDING,
	};
	return { ...Object.fromEntries(types.map((name) => [name, all[name]])), Image: IMAGE };
}
