/**
 * A minimal lossless WebP (VP8L) encoder, so that endpoints whose
 * `output_format` offers `webp` answer with a real WebP without a native
 * dependency. No transforms and no back-references: every channel of every
 * pixel is a literal under a fixed 8-bit prefix code. Files are large, but
 * valid, exact and deterministic, which is all the emulator needs.
 */
import type { RgbaImage } from './images';

/** The order in which VP8L stores the code-length code's lengths. */
const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/** Prefix codes are read most significant bit first from an LSB-first stream: written reversed. */
const REVERSED = Array.from({ length: 256 }, (_, value) => {
	let reversed = 0;
	for (let bit = 0; bit < 8; bit++) reversed |= ((value >> bit) & 1) << (7 - bit);
	return reversed;
});

class BitWriter {
	private readonly chunks: Buffer[] = [];

	private buffer = Buffer.alloc(1 << 16);

	private length = 0;

	private accumulator = 0;

	private bits = 0;

	write(value: number, count: number): void {
		this.accumulator |= value << this.bits;
		this.bits += count;
		while (this.bits >= 8) {
			if (this.length === this.buffer.length) {
				this.chunks.push(this.buffer);
				this.buffer = Buffer.alloc(this.buffer.length);
				this.length = 0;
			}
			this.buffer[this.length++] = this.accumulator & 0xff;
			this.accumulator >>>= 8;
			this.bits -= 8;
		}
	}

	finish(): Buffer {
		if (this.bits > 0) this.write(0, 8 - this.bits);
		return Buffer.concat([...this.chunks, this.buffer.subarray(0, this.length)]);
	}
}

/** A prefix code giving each of the first 256 symbols 8 bits (the rest of the alphabet none). */
function writeLiteralCode(writer: BitWriter, alphabetSize: number): void {
	writer.write(0, 1); // a normal (not simple) code
	// The code-length code has two symbols of one bit each: length 0 (code 0) and length 8 (code 1).
	const used = CODE_LENGTH_ORDER.indexOf(8) + 1;
	writer.write(used - 4, 4);
	for (let index = 0; index < used; index++) {
		const symbol = CODE_LENGTH_ORDER[index];
		writer.write(symbol === 0 || symbol === 8 ? 1 : 0, 3);
	}
	writer.write(0, 1); // lengths for the whole alphabet follow
	for (let symbol = 0; symbol < alphabetSize; symbol++) writer.write(symbol < 256 ? 1 : 0, 1);
}

export function encodeWebp(image: RgbaImage): Buffer {
	const { width, height, data } = image;
	if (width < 1 || height < 1 || width > 16384 || height > 16384)
		throw new Error('WebP sizes are 1 to 16384 pixels');
	let opaque = true;
	for (let offset = 3; offset < data.length && opaque; offset += 4) opaque = data[offset] === 255;
	const writer = new BitWriter();
	writer.write(0x2f, 8);
	writer.write(width - 1, 14);
	writer.write(height - 1, 14);
	writer.write(opaque ? 0 : 1, 1);
	writer.write(0, 3); // version
	writer.write(0, 1); // no transform
	writer.write(0, 1); // no colour cache
	writer.write(0, 1); // one prefix-code group for the whole image
	writeLiteralCode(writer, 256 + 24); // green, plus the (unused) length prefixes
	writeLiteralCode(writer, 256); // red
	writeLiteralCode(writer, 256); // blue
	writeLiteralCode(writer, 256); // alpha
	writer.write(0b0001, 4); // distance: a simple code of one symbol (never read)
	for (let offset = 0; offset < width * height * 4; offset += 4) {
		writer.write(REVERSED[data[offset + 1]], 8);
		writer.write(REVERSED[data[offset]], 8);
		writer.write(REVERSED[data[offset + 2]], 8);
		writer.write(REVERSED[data[offset + 3]], 8);
	}
	const bitstream = writer.finish();
	const padding = bitstream.length % 2;
	const header = Buffer.alloc(20);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(4 + 8 + bitstream.length + padding, 4);
	header.write('WEBPVP8L', 8, 'ascii');
	header.writeUInt32LE(bitstream.length, 16);
	return Buffer.concat([header, bitstream, Buffer.alloc(padding)]);
}
