import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Content types of the media below, for the endpoints that serve them. */
export const MEDIA_TYPES = { mp4: 'video/mp4', wav: 'audio/wav', zip: 'application/zip' } as const;

let mp4: Buffer | undefined;

/**
 * A real MP4 (H.264, 64x64, 1 s, 8 frames, 2.8 KB) for video endpoints:
 * made once with ffmpeg and committed (see fixtures/README.md), so nothing
 * here needs ffmpeg.
 */
export function makeMp4(): Buffer {
	mp4 ??= readFileSync(join(__dirname, 'fixtures', 'clip.mp4'));
	return mp4;
}

export interface WavOptions {
	/** Default 1. */
	seconds?: number;
	/** Tone in Hz, default 440. */
	frequency?: number;
	/** Default 16000. */
	sampleRate?: number;
}

/**
 * A real WAV for speech endpoints: mono 16-bit PCM, a sine tone at half
 * scale. Deterministic, so a test can recompute every sample.
 */
export function makeWav({
	seconds = 1,
	frequency = 440,
	sampleRate = 16000,
}: WavOptions = {}): Buffer {
	if (!(
		Number.isFinite(seconds) &&
		seconds >= 0 &&
		Number.isFinite(frequency) &&
		frequency >= 0 &&
		Number.isInteger(sampleRate) &&
		sampleRate > 0
	)) {
		throw new Error('makeWav: seconds and frequency must be >= 0, sampleRate a positive integer');
	}
	const samples = Math.round(seconds * sampleRate);
	const dataSize = samples * 2;
	const wav = Buffer.alloc(44 + dataSize);
	wav.write('RIFF', 0, 'ascii');
	wav.writeUInt32LE(36 + dataSize, 4);
	wav.write('WAVE', 8, 'ascii');
	wav.write('fmt ', 12, 'ascii');
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20); // PCM
	wav.writeUInt16LE(1, 22); // mono
	wav.writeUInt32LE(sampleRate, 24);
	wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
	wav.writeUInt16LE(2, 32); // block align
	wav.writeUInt16LE(16, 34); // bits a sample
	wav.write('data', 36, 'ascii');
	wav.writeUInt32LE(dataSize, 40);
	for (let i = 0; i < samples; i++) {
		wav.writeInt16LE(
			Math.round(16383 * Math.sin((2 * Math.PI * frequency * i) / sampleRate)),
			44 + i * 2,
		);
	}
	return wav;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** CRC-32 as ZIP uses it (IEEE, reflected); Node 20 has no zlib.crc32. */
function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** 2024-01-01 00:00:00 in MS-DOS form: a fixed stamp keeps archives byte-identical. */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 1 << 11;

/**
 * A real ZIP for archive endpoints: stored (uncompressed) entries with
 * UTF-8 names and correct CRCs, no ZIP64. Same entries, same bytes.
 */
export function makeZip(entries: Array<{ name: string; bytes: Buffer }>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const { name, bytes } of entries) {
		const fileName = Buffer.from(name, 'utf8');
		if (bytes.length > 0xfffffffe || fileName.length > 0xffff)
			throw new Error(`makeZip: ${name} is too large`);
		const crc = crc32(bytes);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed: 2.0
		local.writeUInt16LE(UTF8_NAMES, 6);
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt16LE(DOS_TIME, 10);
		local.writeUInt16LE(DOS_DATE, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(bytes.length, 18);
		local.writeUInt32LE(bytes.length, 22);
		local.writeUInt16LE(fileName.length, 26);
		local.writeUInt16LE(0, 28); // extra field length
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(UTF8_NAMES, 8);
		central.writeUInt16LE(0, 10);
		central.writeUInt16LE(DOS_TIME, 12);
		central.writeUInt16LE(DOS_DATE, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(bytes.length, 20);
		central.writeUInt32LE(bytes.length, 24);
		central.writeUInt16LE(fileName.length, 28);
		// Extra and comment lengths, disk number, attributes: all zero.
		central.writeUInt32LE(offset, 42);
		locals.push(local, fileName, bytes);
		centrals.push(central, fileName);
		offset += local.length + fileName.length + bytes.length;
	}
	const directory = Buffer.concat(centrals);
	if (entries.length > 0xffff || offset + directory.length > 0xffffffff)
		throw new Error('makeZip: archive needs ZIP64');
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
