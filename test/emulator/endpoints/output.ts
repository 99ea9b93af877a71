/**
 * Output media objects as fal returns them (`{url, content_type, file_name,
 * file_size}`, images with their size), stored on the emulator's CDN, or
 * inlined as data URIs in sync mode.
 */
import { encodeImage, type RgbaImage } from '../images';
import type { FileSink } from '../storage';
import { encodeWebp } from '../webp';

export type OutputImageFormat = 'png' | 'jpeg' | 'webp';

const IMAGE_TYPES: Record<OutputImageFormat, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
};

export interface OutputFile {
	url: string;
	content_type: string;
	file_name: string;
	file_size: number;
}

export interface OutputImage extends OutputFile {
	width: number;
	height: number;
}

export function fileOutput(
	store: FileSink,
	bytes: Buffer,
	contentType: string,
	fileName: string,
	syncMode = false,
): OutputFile {
	const url = syncMode
		? `data:${contentType};base64,${bytes.toString('base64')}`
		: store.add(bytes, contentType, fileName);
	return { url, content_type: contentType, file_name: fileName, file_size: bytes.length };
}

/** An image encoded in `format`, named `<index>.<format>` as the seed endpoints name theirs. */
export function imageOutput(
	store: FileSink,
	image: RgbaImage,
	format: OutputImageFormat,
	index: number,
	syncMode = false,
): OutputImage {
	const bytes = format === 'webp' ? encodeWebp(image) : encodeImage(image, format);
	const file = fileOutput(store, bytes, IMAGE_TYPES[format], `${index}.${format}`, syncMode);
	return {
		url: file.url,
		width: image.width,
		height: image.height,
		content_type: file.content_type,
		file_name: file.file_name,
		file_size: file.file_size,
	};
}
