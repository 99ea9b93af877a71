import { randomInt } from 'node:crypto';
import type { FalEndpointSchema, FalModelSchema } from '../../nodes/Fal/models';
import {
	decodeImage,
	encodeImage,
	expectedFillColour,
	generate,
	IMAGE_SIZE_PRESETS,
	type ImageFormat,
	type RgbaImage,
} from './images';
import type { FileStore } from './storage';
import { type FieldError, validateInput, valueOrDefault } from './validate';

/** How a job ended: what its result route answers. */
export interface JobOutcome {
	status: number;
	body: unknown;
}

export interface ModelRun {
	model: FalModelSchema;
	endpoint: FalEndpointSchema;
	input: Record<string, unknown>;
	/** Fetches a file input (URL or data URI); throws if it cannot. */
	loadFile: (url: string) => Promise<Buffer>;
	store: FileStore;
	inferenceSeconds: number;
}

async function loadImages(run: ModelRun, errors: FieldError[]): Promise<Record<string, RgbaImage>> {
	const images: Record<string, RgbaImage> = {};
	for (const field of run.endpoint.input.filter((candidate) => candidate.type === 'file')) {
		const url = run.input[field.name];
		if (typeof url !== 'string') continue;
		let bytes: Buffer;
		try {
			bytes = await run.loadFile(url);
		} catch (error) {
			errors.push({
				loc: ['body', field.name],
				msg: `Failed to download the file. Please check if the URL is accessible: ${(error as Error).message}`,
				type: 'file_download_error',
			});
			continue;
		}
		try {
			images[field.name] = decodeImage(bytes);
		} catch {
			errors.push({
				loc: ['body', field.name],
				msg: 'Could not load the image: the file is not a supported image (PNG or JPEG).',
				type: 'image_load_error',
			});
		}
	}
	return images;
}

function outputSize(run: ModelRun, images: Record<string, RgbaImage>): { width: number; height: number } {
	const size = valueOrDefault<string | { width: number; height: number }>(run.endpoint, run.input, 'image_size');
	if (typeof size === 'string') return IMAGE_SIZE_PRESETS[size];
	if (size) return { width: size.width ?? 512, height: size.height ?? 512 };
	// No size and no default (ControlNet): inferred from the control image.
	const reference = images.control_image_url ?? images.image_url;
	return { width: reference.width, height: reference.height };
}

/**
 * Runs one job of an image endpoint: fal's checks first (422 with pydantic's
 * detail when they fail), then the emulator's deterministic "model" (see
 * images.ts), output shaped as the endpoint's docs describe it.
 */
export async function runImageModel(run: ModelRun): Promise<JobOutcome> {
	const errors = validateInput(run.model, run.endpoint, run.input);
	if (errors.length > 0) return { status: 422, body: { detail: errors } };
	const images = await loadImages(run, errors);
	if (errors.length > 0) return { status: 422, body: { detail: errors } };

	const { width, height } = outputSize(run, images);
	const seed = typeof run.input.seed === 'number' ? run.input.seed : randomInt(0, 2 ** 31);
	const count = valueOrDefault<number>(run.endpoint, run.input, 'num_images') ?? 1;
	const format: ImageFormat = valueOrDefault<string>(run.endpoint, run.input, 'format') === 'png' ? 'png' : 'jpeg';
	const contentType = format === 'png' ? 'image/png' : 'image/jpeg';
	const prompt = String(run.input.prompt ?? '');
	const strength = valueOrDefault<number>(run.endpoint, run.input, 'strength') ?? 0.95;

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
		const bytes = encodeImage(pixels, format);
		const fileName = `${index}.${format === 'png' ? 'png' : 'jpeg'}`;
		const url = run.input.sync_mode === true
			? `data:${contentType};base64,${bytes.toString('base64')}`
			: run.store.add(bytes, contentType, fileName);
		outputImages.push({ url, width, height, content_type: contentType, file_name: fileName, file_size: bytes.length });
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
	return {
		status: 200,
		body: Object.fromEntries(Object.entries(output).filter(([key]) => run.endpoint.output.includes(key))),
	};
}
