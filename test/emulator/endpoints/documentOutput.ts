/**
 * An output made from an endpoint's own output schema, for the endpoints the
 * emulator knows only by their real documents: every required field of the
 * schema, typed as it says. Images are painted one colour,
 * `expectedFillColour(prompt, seed, index)`, at the size the input asks for
 * (drawn at no more than a megapixel, its aspect kept, and reported at the
 * size drawn); videos are `makeMp4()`, audio `makeWav()`; other values come
 * from the input field of the same name, or are empty.
 */
import { expectedFillColour, IMAGE_SIZE_PRESETS, solidImage } from '../images';
import { makeMp4, makeWav, MEDIA_TYPES } from '../media';
import { seedOf } from '../model';
import {
	isFileObject,
	nonNullBranches,
	outputSchemaOf,
	propertyOrder,
	resolve,
} from '../openapi/schema';
import type { JsonSchema, OpenApiDocument } from '../openapi/types';
import { valueOrDefault } from '../validate';
import { fileOutput, imageOutput, type OutputFile, type OutputImageFormat } from './output';
import type { EndpointRun } from './types';

/** fal's size presets beyond the six of ImageSize: Seedream's automatic sizes. */
const AUTO_SIZES: Record<string, { width: number; height: number }> = {
	auto: { width: 1024, height: 1024 },
	auto_2K: { width: 2048, height: 2048 },
	auto_4K: { width: 4096, height: 4096 },
};

const MAX_PIXELS = 1024 * 1024;

/** The size asked for: `image_size` (a preset or `{width, height}`), `aspect_ratio` ("16:9"), else a square. */
function requestedSize(job: EndpointRun): { width: number; height: number } {
	const size = valueOrDefault<unknown>(job.document, job.input, 'image_size');
	if (typeof size === 'string' && (IMAGE_SIZE_PRESETS[size] ?? AUTO_SIZES[size]))
		return IMAGE_SIZE_PRESETS[size] ?? AUTO_SIZES[size];
	if (size && typeof size === 'object') {
		const { width, height } = size as { width?: number; height?: number };
		return { width: width ?? 512, height: height ?? 512 };
	}
	const ratio = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(
		String(valueOrDefault<unknown>(job.document, job.input, 'aspect_ratio') ?? ''),
	);
	if (ratio) {
		const [wide, high] = [Number(ratio[1]), Number(ratio[2])];
		return wide >= high
			? { width: 1024, height: Math.round((1024 * high) / wide) }
			: { width: Math.round((1024 * wide) / high), height: 1024 };
	}
	return { width: 1024, height: 1024 };
}

/** The size an image is drawn at: the one asked for, scaled down to a megapixel at most. */
function drawnSize(job: EndpointRun): { width: number; height: number } {
	const { width, height } = requestedSize(job);
	const scale = Math.min(1, Math.sqrt(MAX_PIXELS / (width * height)));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale)),
	};
}

function imageFormatOf(job: EndpointRun): OutputImageFormat {
	const format =
		valueOrDefault<string>(job.document, job.input, 'output_format') ??
		valueOrDefault<string>(job.document, job.input, 'format');
	return format === 'png' || format === 'webp' ? format : 'jpeg';
}

/** The schema under `$ref`s, a one-member `allOf` and a nullable `anyOf`. */
function plain(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
	let current = resolve(document, schema);
	for (let depth = 0; depth < 8; depth++) {
		const next =
			current.allOf?.length === 1
				? current.allOf[0]
				: current.anyOf
					? nonNullBranches(current)[0]
					: undefined;
		if (!next) return current;
		current = resolve(document, next);
	}
	return current;
}

interface Making {
	job: EndpointRun;
	seed: number;
	images: number;
}

/** One output file of the kind its name says. */
function fileFor(making: Making, name: string, index: number): OutputFile {
	const { job, seed } = making;
	if (/video/.test(name))
		return fileOutput(job.store, job.videoOutput ?? makeMp4(), MEDIA_TYPES.mp4, 'output.mp4');
	if (/audio|speech|music|song/.test(name))
		return fileOutput(job.store, makeWav(), MEDIA_TYPES.wav, 'output.wav');
	if (/image|mask|frame/.test(name)) {
		const { width, height } = drawnSize(job);
		const picture = solidImage(
			width,
			height,
			expectedFillColour(String(job.input.prompt ?? ''), seed, index),
		);
		return imageOutput(job.store, picture, imageFormatOf(job), index, job.input.sync_mode === true);
	}
	return fileOutput(job.store, Buffer.from(`emulated ${name}\n`), 'text/plain', `${name}.txt`);
}

function valueFor(making: Making, name: string, raw: JsonSchema): unknown {
	const { job } = making;
	const schema = plain(job.document, raw);
	if (isFileObject(job.document, schema)) return fileFor(making, name, 0);
	const given = job.input[name];
	switch (schema.type) {
		case 'array': {
			const items = schema.items ? plain(job.document, schema.items) : {};
			if (isFileObject(job.document, items)) {
				const count = /image/.test(name) ? making.images : 1;
				return Array.from({ length: count }, (_, index) => fileFor(making, name, index));
			}
			if (name === 'has_nsfw_concepts') return Array.from({ length: making.images }, () => false);
			return Array.isArray(given) ? given : [];
		}
		case 'integer':
		case 'number':
			return name === 'seed' ? making.seed : typeof given === 'number' ? given : 0;
		case 'boolean':
			return typeof given === 'boolean' ? given : false;
		case 'string':
			return typeof given === 'string' ? given : (schema.enum?.[0] ?? '');
		case 'object':
			return name === 'timings' ? { inference: job.inferenceSeconds } : {};
		default:
			return given ?? null;
	}
}

/** The output of a job of an endpoint known by its real document: every required field of its output schema. */
export function documentOutput(job: EndpointRun): Record<string, unknown> {
	const schema = outputSchemaOf(job.document);
	const making: Making = {
		job,
		seed: seedOf(job.input),
		images: valueOrDefault<number>(job.document, job.input, 'num_images') ?? 1,
	};
	const required = new Set(schema.required ?? []);
	return Object.fromEntries(
		propertyOrder(schema)
			.filter((name) => required.has(name))
			.map((name) => [name, valueFor(making, name, schema.properties?.[name] ?? {})]),
	);
}
