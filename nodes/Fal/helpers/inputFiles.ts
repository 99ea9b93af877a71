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
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, input.property);
	const mimeType = imageTypeOf(bytes.subarray(0, IMAGE_HEAD_BYTES)) ?? (binary.mimeType || 'application/octet-stream');
	const upload = async (): Promise<UploadedFile> => {
		const view = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
		// A File keeps the user's file name on fal's CDN; fal names a bare Blob by time.
		const file = binary.fileName ? new File([view], binary.fileName, { type: mimeType }) : new Blob([view], { type: mimeType });
		const url = await client.storage.upload(file);
		return { url, ...(binary.fileName ? { fileName: binary.fileName } : {}), mimeType, fileSize: bytes.byteLength };
	};
	if (!cache) return await upload();
	return await cache.get(`${createHash('sha256').update(bytes).digest('hex')} ${mimeType}`, upload);
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
