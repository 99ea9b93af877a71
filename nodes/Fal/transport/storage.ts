import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { apiErrorOf, callFal, type FalConnection, parseBody } from './request';
import { type HttpAnswer, sendWithRetries, TRANSIENT_STATUSES } from './retry';
import { initiateUploadUrl, multipartUrl } from './urls';

/**
 * fal storage (fal-protocol.md, "Storage"), as @fal-ai/client's `storage.upload`
 * speaks it: an initiate call to fal's REST API (authenticated, through the
 * Proxy URL when there is one), then the bytes PUT straight to the upload URL
 * it returns, without the key. Files over 90 MiB go in 10 MiB parts. The bytes
 * are streamed from where they are (n8n's binary store), never held whole.
 */

/** The client's threshold: larger files go multipart. */
const MULTIPART_THRESHOLD_BYTES = 90 * 1024 * 1024;
const PART_BYTES = 10 * 1024 * 1024;

export interface UploadSource {
	size: number;
	contentType: string;
	/** The user's file name; without one, fal gets a name made of the time, as from the client. */
	fileName?: string;
	/** The bytes from the start: a stream (read anew for each try of a single PUT), or a buffer already in memory. */
	open: () => Promise<NodeJS.ReadableStream | Buffer>;
}

interface InitiatedUpload {
	upload_url: string;
	file_url: string;
}

/** Uploads the file to fal storage; returns its URL there. Stopping the execution stops the upload. */
export async function uploadToStorage(
	connection: FalConnection,
	source: UploadSource,
): Promise<string> {
	const multipart = source.size > MULTIPART_THRESHOLD_BYTES;
	const { body: initiated } = await callFal<InitiatedUpload>(connection, {
		route: 'storage',
		method: 'POST',
		url: initiateUploadUrl(multipart),
		body: {
			content_type: source.contentType,
			file_name: source.fileName || `${Date.now()}.${extensionOf(source.contentType)}`,
		},
	});
	if (multipart) await uploadParts(connection, source, initiated.upload_url);
	else {
		await putToStorage(connection, async () => ({
			method: 'PUT',
			url: initiated.upload_url,
			body: await source.open(),
			headers: { 'Content-Type': source.contentType, 'Content-Length': String(source.size) },
		}));
	}
	return initiated.file_url;
}

/** The client's `getExtensionFromContentType`: image/png → png. */
function extensionOf(contentType: string): string {
	return contentType.split('/')[1]?.split(/[-;]/)[0] || 'bin';
}

async function uploadParts(
	connection: FalConnection,
	source: UploadSource,
	uploadUrl: string,
): Promise<void> {
	const parts: Array<{ partNumber: number; etag: string }> = [];
	let partNumber = 0;
	const bytesToSend = await source.open();
	const pieces = Buffer.isBuffer(bytesToSend)
		? slicesOf(bytesToSend, PART_BYTES)
		: partsOf(bytesToSend as AsyncIterable<Buffer>, PART_BYTES);
	for await (const bytes of pieces) {
		partNumber++;
		const url = multipartUrl(uploadUrl, partNumber);
		// No Content-Type, as the client's parts (Blob slices without a type) have none; `false`
		// keeps axios from calling them form data, which a signed upload URL may refuse.
		const answer = await putToStorage(connection, async () => ({
			method: 'PUT',
			url,
			body: bytes,
			headers: { 'Content-Type': false },
		}));
		const part = answer.body as { etag?: unknown };
		parts.push({ partNumber, etag: String(part.etag) });
	}
	await putToStorage(connection, async () => ({
		method: 'POST',
		url: multipartUrl(uploadUrl, 'complete'),
		body: JSON.stringify({ parts }),
		headers: { 'Content-Type': 'application/json' },
	}));
}

/**
 * A request to an upload URL: no credential (the URL is signed), retried under
 * the node's policy, each try with a request made anew (a stream body is
 * read once). Non-2xx answers are thrown as fal's errors.
 */
async function putToStorage(
	connection: FalConnection,
	build: () => Promise<Pick<IHttpRequestOptions, 'method' | 'url' | 'body' | 'headers'>>,
): Promise<HttpAnswer> {
	const { context, retries } = connection;
	const signal = retries.cancelSignal;
	const { answer, attempts } = await sendWithRetries(
		retries,
		{ route: 'storage', retriedStatuses: TRANSIENT_STATUSES, signal },
		async () => {
			const request = await build();
			const response = (await context.helpers.httpRequest({
				...request,
				// What fetch sends when nobody says otherwise, as from the client.
				headers: { Accept: '*/*', ...request.headers },
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: signal,
			})) as IN8nHttpFullResponse;
			const headers = response.headers as Record<string, unknown>;
			return {
				statusCode: response.statusCode,
				statusMessage: response.statusMessage,
				headers,
				body: parseBody(response.body, headers),
			};
		},
	);
	if (answer.statusCode >= 200 && answer.statusCode < 300) return answer;
	throw await apiErrorOf(answer, { attempts });
}

function* slicesOf(bytes: Buffer, size: number): Generator<Buffer> {
	for (let start = 0; start < bytes.length; start += size)
		yield bytes.subarray(start, start + size);
}

/** The stream's bytes in pieces of exactly `size` (the last one shorter), read as they are needed. */
async function* partsOf(
	stream: AsyncIterable<Buffer | Uint8Array>,
	size: number,
): AsyncGenerator<Buffer> {
	let chunks: Buffer[] = [];
	let held = 0;
	for await (const chunk of stream) {
		chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
		held += chunk.byteLength;
		while (held >= size) {
			const joined = Buffer.concat(chunks, held);
			yield joined.subarray(0, size);
			// The rest copied out, so that the joined buffer goes with its part.
			chunks = held > size ? [Buffer.from(joined.subarray(size))] : [];
			held -= size;
		}
	}
	if (held > 0) yield Buffer.concat(chunks, held);
}
