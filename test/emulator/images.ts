import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** RGBA pixels, row-major, 4 bytes a pixel. */
export interface RgbaImage {
	width: number;
	height: number;
	data: Buffer;
}

export type ImageFormat = 'png' | 'jpeg';

export const IMAGE_SIZE_PRESETS: Record<string, { width: number; height: number }> = {
	square_hd: { width: 1024, height: 1024 },
	square: { width: 512, height: 512 },
	portrait_4_3: { width: 768, height: 1024 },
	portrait_16_9: { width: 576, height: 1024 },
	landscape_4_3: { width: 1024, height: 768 },
	landscape_16_9: { width: 1024, height: 576 },
};

export function sniffImageFormat(bytes: Buffer): ImageFormat | undefined {
	if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return 'jpeg';
	return undefined;
}

export function decodeImage(bytes: Buffer): RgbaImage {
	const format = sniffImageFormat(bytes);
	if (format === 'png') {
		const png = PNG.sync.read(bytes);
		return { width: png.width, height: png.height, data: png.data };
	}
	if (format === 'jpeg') {
		const decoded = jpeg.decode(bytes, {
			useTArray: false,
			formatAsRGBA: true,
			maxMemoryUsageInMB: 1024,
		});
		return { width: decoded.width, height: decoded.height, data: Buffer.from(decoded.data) };
	}
	throw new Error('not a PNG or JPEG image');
}

export function encodeImage(image: RgbaImage, format: ImageFormat): Buffer {
	if (format === 'png') {
		const png = new PNG({ width: image.width, height: image.height });
		image.data.copy(png.data);
		// No per-row filter search: several times faster, and size does not matter here.
		return PNG.sync.write(png, { filterType: 0 });
	}
	return Buffer.from(jpeg.encode({ ...image, data: image.data }, 90).data);
}

/** Nearest-neighbour resize: exact and cheap, which is all the emulator needs. */
function resize(image: RgbaImage, width: number, height: number): RgbaImage {
	if (image.width === width && image.height === height) return image;
	// Whole pixels as 32-bit words: one plain typed-array access a pixel.
	const source = new Uint32Array(new Uint8Array(image.data).buffer);
	const target = new Uint32Array(width * height);
	for (let y = 0; y < height; y++) {
		const sourceRow =
			Math.min(image.height - 1, Math.floor((y * image.height) / height)) * image.width;
		for (let x = 0; x < width; x++) {
			target[y * width + x] =
				source[sourceRow + Math.min(image.width - 1, Math.floor((x * image.width) / width))];
		}
	}
	return { width, height, data: Buffer.from(target.buffer) };
}

/**
 * The colour the emulator paints for a prompt, seed and image index: what a
 * test computes to check that an output came from the inputs it sent.
 */
export function expectedFillColour(
	prompt: string,
	seed: number,
	index = 0,
): [number, number, number] {
	const digest = createHash('sha256').update(`${prompt}\u0000${seed}\u0000${index}`).digest();
	return [digest[0], digest[1], digest[2]];
}

export interface GenerateOptions {
	source: RgbaImage;
	/** White (luminance >= 128) marks what to repaint; absent means image-to-image. */
	mask?: RgbaImage;
	width: number;
	height: number;
	colour: [number, number, number];
	/** Image-to-image: how much of the colour replaces the source (0..1). */
	strength: number;
}

/**
 * The emulator's "model": the source image resized to the output size, with the
 * mask's white area filled by the colour (inpainting), or blended towards the
 * colour by `strength` (image-to-image).
 */
export function generate({
	source,
	mask,
	width,
	height,
	colour,
	strength,
}: GenerateOptions): RgbaImage {
	const base = resize(source, width, height);
	const maskResized = mask ? resize(mask, width, height) : undefined;
	const data = new Uint8Array(base.data);
	const m = maskResized ? new Uint8Array(maskResized.data) : undefined;
	for (let pixel = 0; pixel < width * height; pixel++) {
		const offset = pixel * 4;
		if (m) {
			const luminance = 0.299 * m[offset] + 0.587 * m[offset + 1] + 0.114 * m[offset + 2];
			if (luminance >= 128) {
				data[offset] = colour[0];
				data[offset + 1] = colour[1];
				data[offset + 2] = colour[2];
			}
		} else {
			for (let channel = 0; channel < 3; channel++) {
				data[offset + channel] = Math.round(
					data[offset + channel] * (1 - strength) + colour[channel] * strength,
				);
			}
		}
		data[offset + 3] = 255;
	}
	return { width, height, data: Buffer.from(data.buffer) };
}

/** A picture of one colour: what the text-to-image endpoints paint. */
export function solidImage(
	width: number,
	height: number,
	colour: [number, number, number],
): RgbaImage {
	const pixel = ((255 << 24) | (colour[2] << 16) | (colour[1] << 8) | colour[0]) >>> 0;
	const data = Buffer.alloc(width * height * 4);
	// One 32-bit write a pixel (little-endian: R, G, B, A in memory).
	new Uint32Array(data.buffer, data.byteOffset, width * height).fill(pixel);
	return { width, height, data };
}

/**
 * The image-editing "model" (nano-banana/edit): the inputs side by side, left
 * to right, each scaled (nearest neighbour) to the height of the first and its
 * width in proportion. Pure, so a test computes the picture it must get back.
 */
export function editedImage(inputs: RgbaImage[]): RgbaImage {
	if (inputs.length === 0) throw new Error('editedImage needs at least one image');
	const height = inputs[0].height;
	const scaled = inputs.map((input) =>
		resize(input, Math.max(1, Math.round((input.width * height) / input.height)), height),
	);
	const width = scaled.reduce((total, image) => total + image.width, 0);
	const data = Buffer.alloc(width * height * 4);
	let left = 0;
	for (const image of scaled) {
		for (let y = 0; y < height; y++) {
			image.data.copy(data, (y * width + left) * 4, y * image.width * 4, (y + 1) * image.width * 4);
		}
		left += image.width;
	}
	return { width, height, data };
}
