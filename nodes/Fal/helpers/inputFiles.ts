import { createHash } from 'node:crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { type BinaryFileInput, FieldInputError } from '../fields/requestBody';
import type { FalClient } from '../transport/falClient';
import { IMAGE_HEAD_BYTES, imageTypeOf } from './imageType';

/**
 * Input images from the items' binary data. Read through n8n's binary helpers,
 * never from `data` directly, so every binary data mode (memory, filesystem,
 * database, S3) works.
 */

/** The binary data of a file input, or a FieldInputError saying what the item has instead. */
function binaryOf(context: IExecuteFunctions, itemIndex: number, input: BinaryFileInput): IBinaryData {
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
 * empty and (for image inputs) holds an image. Reads only the first bytes.
 */
export async function checkBinaryInput(context: IExecuteFunctions, itemIndex: number, input: BinaryFileInput): Promise<void> {
	const binary = binaryOf(context, itemIndex, input);
	const head = await readHead(context, binary);
	const file = binary.fileName ? `file "${binary.fileName}", ` : '';
	if (head.length === 0) throw new FieldInputError(input.label, `binary field "${input.property}" is empty (${file}${binary.mimeType || 'no MIME type'})`);
	if (!input.imageOnly || imageTypeOf(head) || binary.mimeType?.startsWith('image/')) return;
	throw new FieldInputError(input.label, `binary field "${input.property}" is not an image (${file}${binary.mimeType || 'no MIME type'})`);
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

/** Uploads the file to fal storage (once per execution with a cache); its URL goes into the request body or the output. */
export async function uploadBinaryInput(context: IExecuteFunctions, client: FalClient, itemIndex: number, input: BinaryFileInput, cache?: UploadCache): Promise<UploadedFile> {
	const binary = binaryOf(context, itemIndex, input);
	const { parts, head, size, sha256 } = await readBinary(context, itemIndex, input.property, binary);
	const mimeType = imageTypeOf(head) ?? (binary.mimeType || 'application/octet-stream');
	const upload = async (): Promise<UploadedFile> => {
		// A File keeps the user's file name on fal's CDN; fal names a bare Blob by time.
		const file = binary.fileName ? new File(parts, binary.fileName, { type: mimeType }) : new Blob(parts, { type: mimeType });
		const url = await client.storage.upload(file);
		return { url, ...(binary.fileName ? { fileName: binary.fileName } : {}), mimeType, fileSize: size };
	};
	if (!cache) return await upload();
	return await cache.get(`${sha256} ${mimeType}`, upload);
}

/** Chunks a stored file is read in: small against the file, large enough to keep the parts few. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The file's bytes as Blob parts, with their first bytes, size and SHA-256.
 * A file in n8n's binary storage (filesystem, S3, database) is streamed in
 * chunks, each copied into a Blob of its own and then let go, so a 200 MB
 * input is held once, not as a Buffer plus the Blob made from it. Inline
 * (memory mode) data is already in memory as base64.
 */
async function readBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	property: string,
	binary: IBinaryData,
): Promise<{ parts: Blob[]; head: Buffer; size: number; sha256: string }> {
	const hash = createHash('sha256');
	if (!binary.id) {
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		hash.update(bytes);
		const view = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
		return { parts: [new Blob([view])], head: bytes.subarray(0, IMAGE_HEAD_BYTES), size: bytes.byteLength, sha256: hash.digest('hex') };
	}
	const parts: Blob[] = [];
	let head = Buffer.alloc(0);
	let size = 0;
	for await (const chunk of await context.helpers.getBinaryStream(binary.id, READ_CHUNK_BYTES)) {
		const bytes = chunk as Buffer;
		hash.update(bytes);
		parts.push(new Blob([new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)]));
		if (head.length < IMAGE_HEAD_BYTES) head = Buffer.concat([head, bytes.subarray(0, IMAGE_HEAD_BYTES - head.length)]);
		size += bytes.byteLength;
	}
	return { parts, head, size, sha256: hash.digest('hex') };
}

async function readHead(context: IExecuteFunctions, binary: IBinaryData): Promise<Buffer> {
	if (binary.id) {
		const stream = await context.helpers.getBinaryStream(binary.id, IMAGE_HEAD_BYTES);
		for await (const chunk of stream) return Buffer.from(chunk as Buffer).subarray(0, IMAGE_HEAD_BYTES);
		return Buffer.alloc(0);
	}
	// Inline (memory mode) data is base64: 24 characters decode to 18 bytes.
	return Buffer.from((binary.data ?? '').slice(0, 24), 'base64').subarray(0, IMAGE_HEAD_BYTES);
}
