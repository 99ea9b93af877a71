import { decodeImage, encodeImage, type RgbaImage } from '../emulator';

type Rgb = [number, number, number];

/** An image of one colour, with an optional rectangle of another. */
export function makeImage(
	width: number,
	height: number,
	background: Rgb,
	rect?: { x: number; y: number; width: number; height: number; colour: Rgb },
): RgbaImage {
	const data = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const inside =
				rect && x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
			const [r, g, b] = inside ? rect.colour : background;
			data.set([r, g, b, 255], (y * width + x) * 4);
		}
	}
	return { width, height, data };
}

export function makePng(...args: Parameters<typeof makeImage>): Buffer {
	return encodeImage(makeImage(...args), 'png');
}

export function pixelAt(bytes: Buffer, x: number, y: number): Rgb {
	const image = decodeImage(bytes);
	const offset = (y * image.width + x) * 4;
	return [image.data[offset], image.data[offset + 1], image.data[offset + 2]];
}

/** Bytes as a Blob, the way the node hands them to fal's storage (no copy). */
export function toBlob(bytes: Buffer, type: string): Blob {
	return new Blob([new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length)], {
		type,
	});
}

/**
 * A big file that is a PNG by its first bytes and a non-repeating pattern
 * after them, so parts joined out of order would not hash the same.
 */
export function patternedPng(size: number): Buffer {
	const bytes = Buffer.alloc(size);
	for (let offset = 0; offset + 4 <= size; offset += 4) bytes.writeUInt32LE(offset / 4, offset);
	bytes.set(makePng(1, 1, [0, 0, 0]).subarray(0, 16));
	return bytes;
}
