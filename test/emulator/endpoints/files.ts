/**
 * File inputs as fal fetches them before a model runs: every field the
 * endpoint's document marks as a file (see openapi/schema.ts `fileFieldOf`)
 * is downloaded, and must be an image where one is needed. Failures are 422s
 * on the field, as fal reports them.
 */
import { isLoopbackHost, decodeDataUri } from '../http';
import { decodeImage, sniffImageFormat } from '../images';
import { fileFieldsOf } from '../openapi/schema';
import type { OpenApiDocument } from '../openapi/types';
import type { FileStore } from '../storage';
import type { FieldError } from '../validate';
import type { LoadedFile } from './types';

/**
 * A file input as fal would fetch it: data URIs, files the emulator stores,
 * URLs on this machine, offline copies of remote ones (`remoteFiles`). It never
 * reaches off the machine: other URLs fail as an unreachable file does at fal.
 */
export async function fetchFileInput(
	location: string,
	store: FileStore,
	remoteFiles: Record<string, Buffer>,
): Promise<Buffer> {
	if (location.startsWith('data:')) return decodeDataUri(location);
	const stored = store.getByUrl(location);
	if (stored) return stored.bytes;
	const url = new URL(location);
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new Error(`unsupported URL scheme ${url.protocol}`);
	const offlineCopy = remoteFiles[location];
	if (offlineCopy) return offlineCopy;
	if (!isLoopbackHost(url.hostname))
		throw new Error(`${url.hostname} is not reachable from the emulator`);
	const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
	if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
	return Buffer.from(await answer.arrayBuffer());
}

export interface LoadedInputs {
	files: Record<string, LoadedFile>;
	fileLists: Record<string, LoadedFile[]>;
	errors: FieldError[];
}

async function loadOne(
	url: string,
	needsImage: boolean,
	loc: FieldError['loc'],
	loadFile: (url: string) => Promise<Buffer>,
	errors: FieldError[],
): Promise<LoadedFile | undefined> {
	let bytes: Buffer;
	try {
		bytes = await loadFile(url);
	} catch (error) {
		errors.push({
			loc,
			msg: `Failed to download the file. Please check if the URL is accessible: ${(error as Error).message}`,
			type: 'file_download_error',
		});
		return undefined;
	}
	if (!needsImage) return { url, bytes };
	try {
		return { url, bytes, image: decodeImage(bytes), format: sniffImageFormat(bytes) };
	} catch {
		errors.push({
			loc,
			msg: 'Could not load the image: the file is not a supported image (PNG or JPEG).',
			type: 'image_load_error',
		});
		return undefined;
	}
}

/** The URL a file input holds: a string, or an old-style File object's `url`. */
function urlOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	const url =
		typeof value === 'object' && value !== null ? (value as { url?: unknown }).url : undefined;
	return typeof url === 'string' ? url : undefined;
}

/** Fetches an input's files one after another, in the document's field order. */
export async function loadFileInputs(
	document: OpenApiDocument,
	input: Record<string, unknown>,
	loadFile: (url: string) => Promise<Buffer>,
): Promise<LoadedInputs> {
	const loaded: LoadedInputs = { files: {}, fileLists: {}, errors: [] };
	for (const field of fileFieldsOf(document)) {
		const value = input[field.name];
		if (field.list) {
			if (!Array.isArray(value)) continue;
			const list: LoadedFile[] = [];
			for (const [index, item] of value.entries()) {
				const file =
					typeof item === 'string'
						? await loadOne(
								item,
								field.needsImage,
								['body', field.name, index],
								loadFile,
								loaded.errors,
							)
						: undefined;
				if (file) list.push(file);
			}
			loaded.fileLists[field.name] = list;
			continue;
		}
		const url = urlOf(value);
		const file =
			url === undefined
				? undefined
				: await loadOne(url, field.needsImage, ['body', field.name], loadFile, loaded.errors);
		if (file) loaded.files[field.name] = file;
	}
	return loaded;
}
