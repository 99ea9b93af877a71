/**
 * The fal workflows of the emulator's account (user `emulator`): listed by
 * `GET /v1/workflows`, described by `GET /v1/workflows/{user}/{name}`, and
 * run on the queue at `workflows/{user}/{name}` (workflows/run.ts). Their
 * graphs are written the way fal's workflow JSON is: `run` nodes calling an
 * app with `$input.…` / `$node-id.…` references, one `display` node naming
 * the output fields. Their schemas are JSON schemas in the style of the
 * endpoints' input and output schemas.
 */
import {
	IMAGE_SIZE_PRESET_NAMES,
	FILE_SCHEMA,
	IMAGE_SCHEMA,
	objectSchema,
} from '../openapi/components';
import { buildOpenApiDocument, schemaBaseName } from '../openapi/document';
import type { JsonSchema, OpenApiDocument } from '../openapi/types';
import { KOKORO_VOICE_FREQUENCIES } from '../endpoints/kokoro';

export interface WorkflowNode {
	/** `run` calls `app`; `display` is the workflow's output. */
	type: 'run' | 'display';
	id: string;
	depends: string[];
	app?: string;
	input: Record<string, unknown>;
	/** For the display node: the output, field by field. */
	fields?: Record<string, string>;
}

export interface Workflow {
	user: string;
	name: string;
	/** `workflows/{user}/{name}`: what the queue runs it as. */
	endpointId: string;
	title: string;
	description: string;
	tags: string[];
	createdAt: string;
	isPublic: boolean;
	input: JsonSchema;
	output: JsonSchema;
	nodes: Record<string, WorkflowNode>;
	/** An OpenAPI document around its schemas, so that its input is validated as an endpoint's is. */
	document: OpenApiDocument;
}

/** The seed the sticker maker's image node is given, so that a test can compute its colours (`expectedFillColour`). */
export const STICKER_MAKER_SEED = 42;

const IMAGE_SIZE: JsonSchema = {
	enum: IMAGE_SIZE_PRESET_NAMES,
	title: 'Image Size',
	type: 'string',
	description: 'The size of the generated images.',
	default: 'square',
};

type Spec = Omit<Workflow, 'user' | 'endpointId' | 'document'>;

function define(spec: Spec): Workflow {
	const endpointId = `workflows/emulator/${spec.name}`;
	const base = schemaBaseName(`emulator/${spec.name}`);
	return {
		...spec,
		user: 'emulator',
		endpointId,
		document: buildOpenApiDocument({
			endpointId,
			category: 'workflow',
			input: { name: `${base}Input`, schema: spec.input },
			output: { name: `${base}Output`, schema: spec.output },
		}),
	};
}

export const WORKFLOWS: readonly Workflow[] = [
	define({
		name: 'sticker-maker',
		title: 'Sticker Maker',
		description: 'Makes stickers from a prompt with FLUX.1 [dev], as PNG.',
		tags: ['image', 'stickers'],
		createdAt: '2025-06-02T09:30:00.000Z',
		isPublic: true,
		input: objectSchema(
			'StickerMakerInput',
			{
				prompt: {
					examples: ['a smiling avocado, sticker style'],
					title: 'Prompt',
					type: 'string',
					description: 'What the stickers show.',
				},
				image_size: IMAGE_SIZE,
				num_images: {
					minimum: 1,
					maximum: 4,
					title: 'Num Images',
					type: 'integer',
					description: 'How many stickers to make.',
					default: 1,
				},
			},
			['prompt'],
		),
		output: objectSchema(
			'StickerMakerOutput',
			{
				images: {
					title: 'Images',
					type: 'array',
					items: IMAGE_SCHEMA,
					description: 'The stickers.',
				},
			},
			['images'],
		),
		nodes: {
			'node-image': {
				type: 'run',
				id: 'node-image',
				depends: ['input'],
				app: 'fal-ai/flux/dev',
				input: {
					prompt: '$input.prompt',
					image_size: '$input.image_size',
					num_images: '$input.num_images',
					seed: STICKER_MAKER_SEED,
					output_format: 'png',
				},
			},
			output: {
				type: 'display',
				id: 'output',
				depends: ['node-image'],
				input: {},
				fields: { images: '$node-image.images' },
			},
		},
	}),
	define({
		name: 'product-cutout',
		title: 'Product Cutout',
		description: 'Generates a product shot with FLUX.1 [dev], then removes its background.',
		tags: ['image', 'background removal'],
		createdAt: '2025-07-14T15:00:00.000Z',
		isPublic: false,
		input: objectSchema(
			'ProductCutoutInput',
			{
				prompt: { title: 'Prompt', type: 'string', description: 'The product to show.' },
				image_size: IMAGE_SIZE,
			},
			['prompt'],
		),
		output: objectSchema(
			'ProductCutoutOutput',
			{
				image: {
					...IMAGE_SCHEMA,
					title: 'Image',
					description: 'The product without its background.',
				},
			},
			['image'],
		),
		nodes: {
			'node-image': {
				type: 'run',
				id: 'node-image',
				depends: ['input'],
				app: 'fal-ai/flux/dev',
				input: { prompt: '$input.prompt', image_size: '$input.image_size', output_format: 'png' },
			},
			'node-cutout': {
				type: 'run',
				id: 'node-cutout',
				depends: ['node-image'],
				app: 'fal-ai/imageutils/rembg',
				input: { image_url: '$node-image.images.0.url' },
			},
			output: {
				type: 'display',
				id: 'output',
				depends: ['node-cutout'],
				input: {},
				fields: { image: '$node-cutout.image' },
			},
		},
	}),
	define({
		name: 'read-aloud',
		title: 'Read Aloud',
		description: 'Reads a text aloud with Kokoro.',
		tags: ['speech'],
		createdAt: '2025-08-20T11:45:00.000Z',
		isPublic: true,
		input: objectSchema(
			'ReadAloudInput',
			{
				text: { title: 'Text', type: 'string', description: 'The text to read.', maxLength: 5000 },
				voice: {
					enum: Object.keys(KOKORO_VOICE_FREQUENCIES),
					title: 'Voice',
					type: 'string',
					description: 'The voice to read it in.',
					default: 'af_heart',
				},
			},
			['text'],
		),
		output: objectSchema(
			'ReadAloudOutput',
			{ audio: { ...FILE_SCHEMA, title: 'Audio', description: 'The speech.' } },
			['audio'],
		),
		nodes: {
			'node-speech': {
				type: 'run',
				id: 'node-speech',
				depends: ['input'],
				app: 'fal-ai/kokoro/american-english',
				input: { prompt: '$input.text', voice: '$input.voice' },
			},
			output: {
				type: 'display',
				id: 'output',
				depends: ['node-speech'],
				input: {},
				fields: { audio: '$node-speech.audio' },
			},
		},
	}),
];

const BY_ID = new Map(WORKFLOWS.map((workflow) => [workflow.endpointId, workflow]));

/** The workflow behind a queue app `workflows/{user}/{name}`, if the emulator has it. */
export function findWorkflow(endpointId: string): Workflow | undefined {
	return BY_ID.get(endpointId);
}

/** The endpoints its nodes call, in order. */
export function endpointIdsOf(workflow: Workflow): string[] {
	return Object.values(workflow.nodes).flatMap((node) =>
		node.type === 'run' && node.app ? [node.app] : [],
	);
}
