/**
 * Endpoints whose OpenAPI documents are fal's own (test/fixtures/fal-openapi/,
 * real documents found in public material): the emulator serves each one as
 * it is, validates submissions against it like any other, and answers with an
 * output of the shape the document's output schema gives (documentOutput.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OpenApiDocument } from '../openapi/types';
import { documentOutput } from './documentOutput';
import type { EmulatedEndpoint, EndpointMetadata } from './types';

const REAL_DOCUMENTS_DIR = resolve(__dirname, '../../fixtures/fal-openapi');

/** Their catalogue entries, in the words of fal's model pages; the category is the document's own. */
const METADATA: Record<
	string,
	Pick<EndpointMetadata, 'displayName' | 'description' | 'tags' | 'date'>
> = {
	'alibaba/happy-horse/image-to-video': {
		displayName: 'Happy Horse Image to Video',
		description: 'Video from an image and a prompt.',
		tags: ['motion'],
		date: '2026-01-20',
	},
	'bria/video/background-removal': {
		displayName: 'Bria Video Background Removal',
		description: 'Remove the background of a video.',
		tags: ['background removal', 'video'],
		date: '2025-08-01',
	},
	'bria/video/increase-resolution': {
		displayName: 'Bria Video Upscaler',
		description: 'Increase the resolution of a video.',
		tags: ['upscaling', 'video'],
		date: '2025-08-01',
	},
	'fal-ai/bytedance/seedream/v4/edit': {
		displayName: 'Bytedance Seedream 4.0 Edit',
		description: 'Edit images with Seedream 4.0, with up to ten reference images.',
		tags: ['bytedance', 'image-editing'],
		date: '2025-09-09',
	},
	'fal-ai/bytedance/seedream/v4/text-to-image': {
		displayName: 'Bytedance Seedream 4.0',
		description:
			'A new-generation image model from ByteDance that unifies image generation and editing.',
		tags: ['bytedance', 'high-res'],
		date: '2025-09-09',
	},
	'fal-ai/flux-lora': {
		displayName: 'FLUX.1 [dev] with LoRAs',
		description:
			'Text-to-image with FLUX.1 [dev] and LoRA adaptations for styles, brands and faces.',
		tags: ['flux', 'lora'],
		date: '2024-08-10',
	},
	'fal-ai/flux-pro/kontext/max/multi': {
		displayName: 'FLUX.1 Kontext [max] Multi',
		description: 'Edit with FLUX.1 Kontext [max] from several reference images.',
		tags: ['flux', 'image-editing'],
		date: '2025-05-29',
	},
	'fal-ai/flux-pro/v1.1-ultra': {
		displayName: 'FLUX1.1 [pro] ultra',
		description:
			'FLUX1.1 [pro] in ultra and raw modes: images up to 2K with improved photo realism.',
		tags: ['flux', 'high-res'],
		date: '2024-11-06',
	},
	'fal-ai/ideogram/v3': {
		displayName: 'Ideogram V3',
		description: 'Ideogram 3.0: images with accurate text and consistent styles.',
		tags: ['typography', 'design'],
		date: '2025-03-26',
	},
	'fal-ai/kling-video/v2.1/master/image-to-video': {
		displayName: 'Kling 2.1 Master',
		description: 'The premium Kling 2.1 endpoint, with the best motion and prompt adherence.',
		tags: ['motion'],
		date: '2025-05-29',
	},
	'fal-ai/minimax-music/v1.5': {
		displayName: 'MiniMax Music 1.5',
		description: 'Songs with vocals from lyrics and a style prompt.',
		tags: ['music'],
		date: '2025-08-20',
	},
	'fal-ai/minimax/hailuo-02/standard/image-to-video': {
		displayName: 'MiniMax Hailuo 02 Standard',
		description: 'Hailuo 02: 768p image-to-video with advanced physics.',
		tags: ['motion'],
		date: '2025-06-18',
	},
	'fal-ai/playai/tts/dialog': {
		displayName: 'PlayAI Dialog',
		description: 'Dialogue between two voices from a script.',
		tags: ['speech'],
		date: '2025-03-01',
	},
	'fal-ai/playai/tts/v3': {
		displayName: 'PlayAI TTS v3',
		description: 'Expressive text-to-speech.',
		tags: ['speech'],
		date: '2025-03-01',
	},
	'fal-ai/qwen-image-edit-plus-lora': {
		displayName: 'Qwen Image Edit Plus LoRA',
		description: 'Edit images with Qwen Image Edit Plus and LoRAs.',
		tags: ['image-editing', 'lora'],
		date: '2025-09-25',
	},
	'fal-ai/recraft-v3': {
		displayName: 'Recraft V3',
		description: 'Vector art, images with long texts and brand styles from Recraft V3.',
		tags: ['vector', 'typography'],
		date: '2024-10-30',
	},
	'fal-ai/stable-diffusion-v35-large': {
		displayName: 'Stable Diffusion 3.5 Large',
		description:
			'A Multimodal Diffusion Transformer with improved image quality, typography and prompt understanding.',
		tags: ['stable-diffusion'],
		date: '2024-10-22',
	},
	'fal-ai/wan/v2.2-a14b/image-to-video': {
		displayName: 'Wan 2.2 A14B Image to Video',
		description: 'Wan 2.2 image-to-video with a mixture-of-experts model.',
		tags: ['open-source', 'motion'],
		date: '2025-07-28',
	},
	'sonauto/v2/text-to-music': {
		displayName: 'Sonauto V2',
		description: 'Songs from a prompt, lyrics and tags.',
		tags: ['music'],
		date: '2025-06-01',
	},
};

/** The endpoint a fixture file holds a document for: `fal-ai__flux-lora.json` → `fal-ai/flux-lora`. */
const endpointIdOfFixture = (fileName: string) =>
	fileName
		.replace(/\.json$/, '')
		.split('__')
		.join('/');

/** Every real document in the fixtures, by endpoint id. */
function realDocuments(): Map<string, OpenApiDocument> {
	const files = readdirSync(REAL_DOCUMENTS_DIR).filter((name) => name.endsWith('.json'));
	return new Map(
		files.map((name) => [
			endpointIdOfFixture(name),
			JSON.parse(readFileSync(join(REAL_DOCUMENTS_DIR, name), 'utf8')) as OpenApiDocument,
		]),
	);
}

/** The real documents the emulator runs as they are (fal-ai/flux/dev has a hand-written runner of its own). */
export const REAL_DOCUMENT_ENDPOINTS: EmulatedEndpoint[] = [...realDocuments()].flatMap(
	([endpointId, document]) => {
		const metadata = METADATA[endpointId];
		if (!metadata) return [];
		return [
			{
				endpointId,
				metadata: {
					...metadata,
					category: document.info['x-fal-metadata'].category,
					date: `${metadata.date}T00:00:00.000Z`,
				},
				document,
				run: async (job) => ({ status: 200, body: documentOutput(job) }),
			},
		];
	},
);
