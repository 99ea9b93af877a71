import { createHash } from 'node:crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import type { BinaryFileInput } from './plan';
import { FieldInputError } from './fieldInputError';
import type { FalConnection } from '../transport/request';
import { uploadToStorage } from '../transport/storage';
import { IMAGE_FORMATS, IMAGE_HEAD_BYTES, imageTypeOf } from './imageType';

/**
 * Input images from the items' binary data. Read through n8n's binary helpers,
 * never from `data` directly, so every binary data mode (memory, filesystem,
 * database, S3) works.
 */

/** The binary data of a file input, or a FieldInputError saying what the item has instead. */
function binaryOf(
	context: IExecuteFunctions,
	itemIndex: number,
	input: BinaryFileInput,
): IBinaryData {
	const binaries = context.getInputData()[itemIndex]?.binary ?? {};
	const binary = binaries[input.property];
	if (!binary) {
		const present = Object.keys(binaries);
		throw new FieldInputError(
			input.label,
			`the item has no binary field "${input.property}" (${present.length ? `it has: ${present.join(', ')}` : 'it has no binary data at all'})`,
		);
	}
	return binary;
}

/**
 * Checks, before anything is submitted, that the binary field exists, is not
 * empty and (for image inputs) holds an image. Reads only the first bytes:
 * an image input must be an image by them, whatever its MIME type says (Read
 * Files from Disk calls any file named *.png image/png), since fal would
 * refuse anything else only after the upload and the submission were paid for.
 */
export async function checkBinaryInput(
	context: IExecuteFunctions,
	itemIndex: number,
	input: BinaryFileInput,
): Promise<void> {
	const binary = binaryOf(context, itemIndex, input);
	const head = await readHead(context, binary);
	const file = `${binary.fileName ? `file "${binary.fileName}", ` : ''}${binary.mimeType || 'no MIME type'}`;
	if (head.length === 0)
		throw new FieldInputError(input.label, `binary field "${input.property}" is empty (${file})`);
	if (!input.imageOnly || imageTypeOf(head)) return;
	throw new FieldInputError(
		input.label,
		`binary field "${input.property}" is not an image: its bytes are not ${IMAGE_FORMATS} (${file})`,
	);
}

/** What fal storage holds after an upload. */
export interface UploadedFile {
	url: string;
	fileName?: string;
	mimeType: string;
	fileSize: number;
}

/**
 * Uploads made during one execution, by content: items that share a file (a
 * mask used for every photo, say) upload it once. Keyed by the bytes' SHA-256
 * and MIME type; holds the promise, so items running side by side wait for
 * the same upload instead of starting their own.
 */
export class UploadCache {
	private readonly uploads = new Map<string, Promise<UploadedFile>>();

	async get(key: string, upload: () => Promise<UploadedFile>): Promise<UploadedFile> {
		let pending = this.uploads.get(key);
		if (!pending) {
			pending = upload();
			this.uploads.set(key, pending);
			// A failed upload is not remembered: the next item that needs the file tries again.
			pending.catch(() => this.uploads.delete(key));
		}
		return await pending;
	}
}

/**
 * Uploads the file to fal storage (once per execution with a cache); its URL
 * goes into the request body or the output. A file in n8n's binary store is
 * read twice as a stream, once for its hash and once into the upload, so it is
 * never held whole in memory.
 */
export async function uploadBinaryInput(
	context: IExecuteFunctions,
	connection: FalConnection,
	itemIndex: number,
	input: BinaryFileInput,
	cache?: UploadCache,
): Promise<UploadedFile> {
	const binary = binaryOf(context, itemIndex, input);
	// Inline (memory mode) data is decoded once; stored data is streamed anew for each read.
	const inMemory = binary.id
		? undefined
		: await context.helpers.getBinaryDataBuffer(itemIndex, input.property);
	const open = async () =>
		inMemory ?? (await context.helpers.getBinaryStream(binary.id!, readChunkBytes(binary)));
	const { head, size, sha256 } = await digest(await open());
	const mimeType = imageTypeOf(head) ?? (binary.mimeType || 'application/octet-stream');
	const upload = async (): Promise<UploadedFile> => {
		const url = await uploadToStorage(connection, {
			size,
			contentType: mimeType,
			fileName: binary.fileName,
			open,
		});
		return {
			url,
			...(binary.fileName ? { fileName: binary.fileName } : {}),
			mimeType,
			fileSize: size,
		};
	};
	if (!cache) return await upload();
	return await cache.get(`${sha256} ${mimeType}`, upload);
}

/** Chunks a stored file is read in: small against a large file, large enough to keep the reads few. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * A small file is read in one chunk of its own size: a read stream allocates
 * its whole chunk size for every read, and a 1 MiB buffer for each of
 * thousands of small photos keeps the garbage collector busy for nothing.
 */
function readChunkBytes(binary: IBinaryData): number {
	return typeof binary.bytes === 'number' && binary.bytes >= 0
		? Math.max(4096, Math.min(READ_CHUNK_BYTES, binary.bytes + 1))
		: READ_CHUNK_BYTES;
}

/** The file's first bytes, size and SHA-256, read as it streams by. */
async function digest(
	bytes: NodeJS.ReadableStream | Buffer,
): Promise<{ head: Buffer; size: number; sha256: string }> {
	const hash = createHash('sha256');
	if (Buffer.isBuffer(bytes))
		return {
			head: bytes.subarray(0, IMAGE_HEAD_BYTES),
			size: bytes.length,
			sha256: hash.update(bytes).digest('hex'),
		};
	let head = Buffer.alloc(0);
	let size = 0;
	for await (const chunk of bytes as AsyncIterable<Buffer>) {
		hash.update(chunk);
		if (head.length < IMAGE_HEAD_BYTES)
			head = Buffer.concat([head, chunk.subarray(0, IMAGE_HEAD_BYTES - head.length)]);
		size += chunk.length;
	}
	return { head, size, sha256: hash.digest('hex') };
}

async function readHead(context: IExecuteFunctions, binary: IBinaryData): Promise<Buffer> {
	if (binary.id) {
		const stream = await context.helpers.getBinaryStream(binary.id, IMAGE_HEAD_BYTES);
		for await (const chunk of stream)
			return Buffer.from(chunk as Buffer).subarray(0, IMAGE_HEAD_BYTES);
		return Buffer.alloc(0);
	}
	// Inline (memory mode) data is base64: 24 characters decode to 18 bytes.
	return Buffer.from((binary.data ?? '').slice(0, 24), 'base64').subarray(0, IMAGE_HEAD_BYTES);
}
