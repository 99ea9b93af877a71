/**
 * Recognises an image by its first bytes. n8n's binary MIME type comes from a
 * file name or a server header and is often `application/octet-stream`, so the
 * bytes decide; 16 bytes are enough for every signature here.
 */
const SIGNATURES: Array<{ mimeType: string; matches: (head: Buffer) => boolean }> = [
	{
		mimeType: 'image/png',
		matches: (head) =>
			head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
	},
	{
		mimeType: 'image/jpeg',
		matches: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
	},
	{ mimeType: 'image/gif', matches: (head) => ascii(head, 0, 4) === 'GIF8' },
	{
		mimeType: 'image/webp',
		matches: (head) => ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP',
	},
	{ mimeType: 'image/bmp', matches: (head) => ascii(head, 0, 2) === 'BM' },
	{ mimeType: 'image/tiff', matches: (head) => ['II*\0', 'MM\0*'].includes(ascii(head, 0, 4)) },
	{
		mimeType: 'image/avif',
		matches: (head) =>
			ascii(head, 4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(head, 8, 12)),
	},
	{
		mimeType: 'image/heic',
		matches: (head) =>
			ascii(head, 4, 8) === 'ftyp' &&
			['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(ascii(head, 8, 12)),
	},
];

export const IMAGE_HEAD_BYTES = 16;

/** The formats an image input may be in (fal's image endpoints take these), for error messages. */
export const IMAGE_FORMATS = 'PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF or HEIC';

export function imageTypeOf(head: Buffer): string | undefined {
	return SIGNATURES.find((signature) => signature.matches(head))?.mimeType;
}

function ascii(bytes: Buffer, start: number, end: number): string {
	return bytes.subarray(start, end).toString('latin1');
}
