import type { IBinaryData, IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { type DescribeFile, downloadFile } from '../transport/download';
import type { RetryPolicy } from '../transport/retry';
import { extensionOf, IMAGE_HEAD_BYTES, imageTypeOf } from './imageType';

/**
 * fal's output images as n8n binary data: downloaded from fal's CDN, or
 * decoded when fal answered with data URIs (sync_mode).
 */

export interface OutputImageOptions {
	/** `image` → binary fields image, image_1, image_2, ... */
	prefix: string;
	/** Names files that have no name of their own in the URL. */
	requestId: string;
	/**
	 * Whether to download images from fal's CDN. Data URIs are decoded either
	 * way: their base64 must not stay in the JSON, where it would swamp the
	 * editor and any AI agent reading the output.
	 */
	download: boolean;
	/** How downloads from fal's CDN are retried. */
	retries: RetryPolicy;
}

interface ImageRef {
	url: string;
	content_type?: string;
	file_name?: string;
}

export function binaryFieldName(prefix: string, index: number): string {
	return index === 0 ? prefix : `${prefix}_${index}`;
}

/** Deep enough for any fal output schema seen so far (`{ images: [...] }`, `{ image }`, `{ data: { images } }`). */
const MAX_DEPTH = 4;

/**
 * Every image object in fal's output (`images[]`, `image`, or nested deeper),
 * in document order. An image object is one with a `url` that is an image by
 * its content type, its data URI or its file extension.
 */
export function findOutputImages(output: unknown, depth = 0): ImageRef[] {
	if (isImageRef(output)) return [output];
	if (depth >= MAX_DEPTH || typeof output !== 'object' || output === null) return [];
	return Object.values(output).flatMap((value: unknown) => findOutputImages(value, depth + 1));
}

function isImageRef(value: unknown): value is ImageRef {
	if (typeof value !== 'object' || value === null || typeof (value as ImageRef).url !== 'string') return false;
	const { url, content_type: contentType } = value as ImageRef;
	return Boolean(contentType?.startsWith('image/') || url.startsWith('data:image/') || /\.(png|jpe?g|webp|gif|bmp|tiff?|avif)(\?|$)/i.test(url));
}

/**
 * Downloads the images into binary fields (only decodes data URIs when
 * `download` is off). Returns the binary data and the
 * JSON with each image object naming its binary field; data URIs are not
 * repeated in the JSON (the bytes are in the binary field).
 */
export async function downloadOutputImages(
	context: IExecuteFunctions,
	output: IDataObject,
	options: OutputImageOptions,
): Promise<{ json: IDataObject; binary: IBinaryKeyData }> {
	const binary: IBinaryKeyData = {};
	const images = findOutputImages(output).filter((image) => options.download || image.url.startsWith('data:'));
	for (const [index, image] of images.entries()) {
		const property = binaryFieldName(options.prefix, index);
		// The bytes decide the type; fal's content_type or the server's when they are not an image we know.
		const describe = (head: Buffer, contentType: string | undefined) => {
			const mimeType = imageTypeOf(head) ?? image.content_type ?? contentType ?? 'application/octet-stream';
			return { mimeType, fileName: fileNameOf(image, mimeType, options.requestId, index) };
		};
		binary[property] = image.url.startsWith('data:')
			? await storeDataUri(context, image.url, describe)
			: await downloadFile(context, image.url, options.retries, describe);
		// The output objects are fal's, parsed from JSON: annotate them in place.
		const annotated = image as ImageRef & IDataObject;
		annotated.binaryProperty = property;
		if (image.url.startsWith('data:')) annotated.url = `(data URI, stored in binary field "${property}")`;
	}
	return { json: output, binary };
}

async function storeDataUri(context: IExecuteFunctions, url: string, describe: DescribeFile): Promise<IBinaryData> {
	const comma = url.indexOf(',');
	const meta = url.slice(5, comma);
	const payload = url.slice(comma + 1);
	const bytes = meta.endsWith(';base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'latin1');
	const { fileName, mimeType } = describe(bytes.subarray(0, IMAGE_HEAD_BYTES), meta.split(';')[0] || undefined);
	return await context.helpers.prepareBinaryData(bytes, fileName, mimeType);
}

function fileNameOf(image: ImageRef, mimeType: string, requestId: string, index: number): string {
	if (image.file_name) return image.file_name;
	if (!image.url.startsWith('data:')) {
		const base = decodeURIComponent(new URL(image.url).pathname.split('/').pop() ?? '');
		if (/\.[a-z0-9]{2,5}$/i.test(base)) return base;
	}
	return `${requestId}${index ? `_${index}` : ''}.${extensionOf(mimeType)}`;
}

/**
 * One output item from a finished request: fal's JSON with the request id and
 * endpoint, its images as binary data.
 */
export async function resultItem(
	context: IExecuteFunctions,
	output: unknown,
	request: { requestId: string; endpointId: string; itemIndex: number },
	options: { downloadImages: boolean; binaryPropertyPrefix: string; retries: RetryPolicy },
): Promise<INodeExecutionData> {
	const json: IDataObject = { ...(output as IDataObject), requestId: request.requestId, endpoint: request.endpointId };
	const { binary } = await downloadOutputImages(context, json, {
		prefix: options.binaryPropertyPrefix.trim(),
		requestId: request.requestId,
		download: options.downloadImages,
		retries: options.retries,
	});
	return { json, ...(Object.keys(binary).length > 0 ? { binary } : {}), pairedItem: { item: request.itemIndex } };
}
