import { randomInt } from 'node:crypto';
import { expectedFillColour, generate, IMAGE_SIZE_PRESETS, type RgbaImage } from './images';
import { outputSchemaOf } from './openapi/schema';
import type { EndpointRun, JobOutcome } from './endpoints/types';
import { imageOutput } from './endpoints/output';
import { valueOrDefault } from './validate';

export type { JobOutcome };

/** The output size: `image_size` (a preset or a custom size) or, where there is none and no default, the input's own. */
export function outputSize(
	run: EndpointRun,
	reference?: RgbaImage,
): { width: number; height: number } {
	const size = valueOrDefault<string | { width?: number; height?: number }>(
		run.document,
		run.input,
		'image_size',
	);
	if (typeof size === 'string') return IMAGE_SIZE_PRESETS[size];
	if (size) return { width: size.width ?? 512, height: size.height ?? 512 };
	if (!reference) return IMAGE_SIZE_PRESETS.landscape_4_3;
	return { width: reference.width, height: reference.height };
}

/** The seed the input gives, or one drawn as fal draws it. */
export function seedOf(input: Record<string, unknown>): number {
	return typeof input.seed === 'number' ? input.seed : randomInt(0, 2 ** 31);
}

/**
 * Runs one job of an image endpoint of the node's seed data (and background
 * removal), its input already validated and its images fetched: the
 * emulator's deterministic "model" (see images.ts), its output the fields of
 * the endpoint's output schema.
 */
export async function runImageModel(run: EndpointRun): Promise<JobOutcome> {
	const images = Object.fromEntries(
		Object.entries(run.files).flatMap(([name, file]) => (file.image ? [[name, file.image]] : [])),
	);
	// No size and no default (ControlNet): inferred from the control image.
	const { width, height } = outputSize(run, images.control_image_url ?? images.image_url);
	const seed = seedOf(run.input);
	const count = valueOrDefault<number>(run.document, run.input, 'num_images') ?? 1;
	const format =
		valueOrDefault<string>(run.document, run.input, 'format') === 'png' ? 'png' : 'jpeg';
	const prompt = String(run.input.prompt ?? '');
	const strength = valueOrDefault<number>(run.document, run.input, 'strength') ?? 0.95;

	const outputImages = [];
	for (let index = 0; index < count; index++) {
		const pixels = generate({
			source: images.image_url,
			mask: images.mask_url,
			width,
			height,
			colour: expectedFillColour(prompt, seed, index),
			strength,
		});
		outputImages.push(imageOutput(run.store, pixels, format, index, run.input.sync_mode === true));
	}

	const output: Record<string, unknown> = {
		images: outputImages,
		// Endpoints that make one image answer with it alone (background removal, upscaling).
		image: outputImages[0],
		timings: { inference: run.inferenceSeconds },
		seed,
		has_nsfw_concepts: outputImages.map(() => false),
		prompt,
	};
	const fields = Object.keys(outputSchemaOf(run.document).properties ?? {});
	return {
		status: 200,
		body: Object.fromEntries(Object.entries(output).filter(([key]) => fields.includes(key))),
	};
}
