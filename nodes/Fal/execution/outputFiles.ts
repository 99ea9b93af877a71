import type {
	IBinaryData,
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { type DescribeFile, downloadFile } from '../transport/download';
import type { RetryPolicy } from '../transport/retry';
import { IMAGE_HEAD_BYTES, imageTypeOf } from '../request/imageType';
import { extensionOfType, isMediaKey, kindOf, type MediaKind, typeOfUrl } from './mediaKinds';

/**
 * fal's output files as n8n binary data: images, videos, audio and any other
 * file (zip, glb, txt…), wherever they sit in the output, streamed from fal's
 * CDN into n8n's binary store, or decoded when fal answered with a data URI.
 */

interface OutputFileOptions {
	/** Images go to `image`, `image_1`, … (this prefix); videos, audio and other files to `video`, `audio`, `file`, … */
	prefix: string;
	/** Names files that have no name of their own. */
	requestId: string;
	/**
	 * Whether to download files from fal's CDN. Data URIs are decoded either
	 * way: their base64 must not stay in the JSON, where it would swamp the
	 * editor and any AI agent reading the output.
	 */
	download: boolean;
	/** Larger files keep their URL and are not downloaded (a warning says so). */
	maxDownloadBytes: number;
	/** How downloads from fal's CDN are retried. */
	retries: RetryPolicy;
}

/** A file object of fal's output: `{ url, content_type?, file_name?, file_size?, … }`. */
interface FileRef {
	url: string;
	content_type?: string;
	file_name?: string;
	file_size?: number;
}

interface FoundFile {
	ref: FileRef;
	kind: MediaKind;
	/** Its MIME type as fal's output says it (content type, data URI, extension), if it does. */
	declaredType?: string;
}

function binaryFieldName(prefix: string, index: number): string {
	return index === 0 ? prefix : `${prefix}_${index}`;
}

/** Deep enough for any fal output schema seen so far (`{ images: [...] }`, `{ video }`, `{ data: { images } }`). */
const MAX_DEPTH = 5;

/** Every file object in fal's output, in document order, with its kind. */
function findOutputFiles(output: unknown, key?: string, depth = 0): FoundFile[] {
	if (isFileRef(output, key)) {
		const declaredType = output.content_type || typeOfUrl(output.url);
		return [{ ref: output, kind: kindOf(declaredType, key), declaredType }];
	}
	if (depth >= MAX_DEPTH || typeof output !== 'object' || output === null) return [];
	// Array entries sit under their array's key: `images: [{url}, …]` are images.
	return Object.entries(output).flatMap(([entryKey, value]) =>
		findOutputFiles(value, Array.isArray(output) ? key : entryKey, depth + 1),
	);
}

/** An object with a URL that fal's output marks as a file: by its content type, name or size, its key, or its URL. */
function isFileRef(value: unknown, key: string | undefined): value is FileRef {
	if (typeof value !== 'object' || value === null || typeof (value as FileRef).url !== 'string')
		return false;
	const ref = value as FileRef;
	if (!/^(https?:|data:)/.test(ref.url)) return false;
	return (
		typeof ref.content_type === 'string' ||
		typeof ref.file_name === 'string' ||
		typeof ref.file_size === 'number' ||
		isMediaKey(key) ||
		typeOfUrl(ref.url) !== undefined
	);
}

/**
 * Downloads the files into binary fields (only decodes data URIs when
 * `download` is off) and annotates each file object of the JSON with its
 * binary field; data URIs are not repeated in the JSON.
 */
async function storeOutputFiles(
	context: IExecuteFunctions,
	output: IDataObject,
	options: OutputFileOptions,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	const counts: Record<MediaKind, number> = { image: 0, video: 0, audio: 0, file: 0 };
	for (const { ref, kind, declaredType } of findOutputFiles(output)) {
		const isDataUri = ref.url.startsWith('data:');
		if (!isDataUri && !options.download) continue;
		// The file object is fal's, parsed from JSON: annotated in place.
		const annotated = ref as FileRef & IDataObject;
		if (
			!isDataUri &&
			typeof ref.file_size === 'number' &&
			ref.file_size > options.maxDownloadBytes
		) {
			annotated.notDownloaded = tooLarge(context, ref.url, ref.file_size, options.maxDownloadBytes);
			continue;
		}
		const index = counts[kind]++;
		const property = binaryFieldName(kind === 'image' ? options.prefix : kind, index);
		// The bytes decide an image's type; otherwise fal's content type, the server's, the URL's.
		const describe: DescribeFile = (head, contentType) => {
			const mimeType =
				imageTypeOf(head) ?? declaredType ?? contentType ?? 'application/octet-stream';
			return { mimeType, fileName: fileNameOf(ref, mimeType, options.requestId, kind, index) };
		};
		const stored = isDataUri
			? await storeDataUri(context, ref.url, describe)
			: await downloadFile(context, ref.url, options.retries, describe, options.maxDownloadBytes);
		const skipped = (stored as { tooLarge?: unknown }).tooLarge;
		if (typeof skipped === 'number') {
			counts[kind]--;
			annotated.notDownloaded = tooLarge(context, ref.url, skipped, options.maxDownloadBytes);
			continue;
		}
		binary[property] = stored as IBinaryData;
		annotated.binaryProperty = property;
		if (isDataUri) annotated.url = `(data URI, stored in binary field "${property}")`;
	}
	return binary;
}

/** Says (in the log and the item) why a file was left on fal's CDN. */
function tooLarge(context: IExecuteFunctions, url: string, bytes: number, limit: number): string {
	const reason = `${Math.round(bytes / 2 ** 20)} MB is over Max Download Size (${Math.round(limit / 2 ** 20)} MB); its URL is kept`;
	context.logger.warn(`fal.ai: not downloading ${url}: ${reason}`);
	return reason;
}

async function storeDataUri(
	context: IExecuteFunctions,
	url: string,
	describe: DescribeFile,
): Promise<IBinaryData> {
	const comma = url.indexOf(',');
	const meta = url.slice(5, comma);
	const payload = url.slice(comma + 1);
	const bytes = meta.endsWith(';base64')
		? Buffer.from(payload, 'base64')
		: Buffer.from(decodeURIComponent(payload), 'latin1');
	const { fileName, mimeType } = describe(
		bytes.subarray(0, IMAGE_HEAD_BYTES),
		meta.split(';')[0] || undefined,
	);
	return await context.helpers.prepareBinaryData(bytes, fileName, mimeType);
}

function fileNameOf(
	ref: FileRef,
	mimeType: string,
	requestId: string,
	kind: MediaKind,
	index: number,
): string {
	if (ref.file_name) return ref.file_name;
	if (!ref.url.startsWith('data:')) {
		const base = decodeURIComponent(new URL(ref.url).pathname.split('/').pop() ?? '');
		if (/\.[a-z0-9]{2,11}$/i.test(base)) return base;
	}
	const suffix = `${kind === 'image' ? '' : `_${kind}`}${index ? `_${index}` : ''}`;
	return `${requestId}${suffix}.${extensionOfType(mimeType)}`;
}

/**
 * One output item from a finished request: fal's JSON with the request id and
 * endpoint, its files as binary data.
 */
export async function resultItem(
	context: IExecuteFunctions,
	output: unknown,
	request: { requestId: string; endpointId: string; itemIndex: number },
	options: {
		downloadImages: boolean;
		binaryPropertyPrefix: string;
		maxDownloadMb: number;
		retries: RetryPolicy;
	},
): Promise<INodeExecutionData> {
	const json: IDataObject = {
		...(output as IDataObject),
		requestId: request.requestId,
		endpoint: request.endpointId,
	};
	const binary = await storeOutputFiles(context, json, {
		prefix: options.binaryPropertyPrefix.trim(),
		requestId: request.requestId,
		download: options.downloadImages,
		maxDownloadBytes: options.maxDownloadMb * 2 ** 20,
		retries: options.retries,
	});
	return {
		json,
		...(Object.keys(binary).length > 0 ? { binary } : {}),
		pairedItem: { item: request.itemIndex },
	};
}
