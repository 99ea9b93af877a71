/**
 * The emulator's media outputs are real files: the MP4 is parsed box by box,
 * the WAV sample by sample, and the ZIP is opened by Python's zipfile (and
 * `unzip -t` where installed). Nothing here needs ffmpeg.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeMp4, makeWav, makeZip, MEDIA_TYPES } from './media';

interface Box {
	type: string;
	/** The box's contents, header excluded. */
	body: Buffer;
}

/** ISO BMFF boxes laid end to end: 32-bit size (or 1 and a 64-bit size), then the type. */
function boxes(bytes: Buffer): Box[] {
	const found: Box[] = [];
	let offset = 0;
	while (offset + 8 <= bytes.length) {
		let size = bytes.readUInt32BE(offset);
		const type = bytes.toString('latin1', offset + 4, offset + 8);
		let header = 8;
		if (size === 1) {
			size = Number(bytes.readBigUInt64BE(offset + 8));
			header = 16;
		} else if (size === 0) {
			size = bytes.length - offset;
		}
		if (size < header || offset + size > bytes.length)
			throw new Error(`bad box ${type} at ${offset}`);
		found.push({ type, body: bytes.subarray(offset + header, offset + size) });
		offset += size;
	}
	expect(offset).toBe(bytes.length);
	return found;
}

function child(parent: Box, type: string): Box {
	const box = boxes(parent.body).find((candidate) => candidate.type === type);
	if (!box) throw new Error(`no ${type} in ${parent.type}`);
	return box;
}

/** Follows a path of nested containers, e.g. mdia/minf/stbl. */
function descend(box: Box, path: string): Box {
	return path.split('/').reduce(child, box);
}

describe('makeMp4', () => {
	const mp4 = makeMp4();
	const top = boxes(mp4);
	const file: Box = { type: 'file', body: mp4 };

	test('is the committed fixture, read once', () => {
		expect(makeMp4()).toBe(mp4);
		expect(mp4.length).toBeGreaterThan(1000);
		expect(mp4.length).toBeLessThan(10_000);
		expect(MEDIA_TYPES.mp4).toBe('video/mp4');
	});

	test('has ftyp first, then moov and a non-empty mdat', () => {
		expect(top[0].type).toBe('ftyp');
		expect(top.map((box) => box.type)).toEqual(expect.arrayContaining(['moov', 'mdat']));
		expect(top.find((box) => box.type === 'mdat')?.body.length).toBeGreaterThan(0);
		// faststart: the index comes before the media data.
		expect(top.findIndex((box) => box.type === 'moov')).toBeLessThan(
			top.findIndex((box) => box.type === 'mdat'),
		);
	});

	test('lasts about one second', () => {
		const mvhd = descend(file, 'moov/mvhd').body;
		const version = mvhd[0];
		const timescale = version === 1 ? mvhd.readUInt32BE(20) : mvhd.readUInt32BE(12);
		const duration = version === 1 ? Number(mvhd.readBigUInt64BE(24)) : mvhd.readUInt32BE(16);
		expect(timescale).toBeGreaterThan(0);
		expect(duration / timescale).toBeGreaterThanOrEqual(0.9);
		expect(duration / timescale).toBeLessThanOrEqual(1.1);
	});

	test('has a 64x64 avc1 video track of 8 samples', () => {
		const traks = boxes(child(file, 'moov').body).filter((box) => box.type === 'trak');
		const video = traks
			.map((trak) => descend(trak, 'mdia/minf/stbl'))
			.find((stbl) => {
				// stsd: version/flags, entry count, then the first sample entry box.
				return boxes(child(stbl, 'stsd').body.subarray(8))[0]?.type === 'avc1';
			});
		if (!video) throw new Error('no avc1 track');
		const avc1 = boxes(child(video, 'stsd').body.subarray(8))[0].body;
		// Sample entry: 6 reserved, data reference index, 16 bytes of video reserved fields, then width and height.
		expect(avc1.readUInt16BE(24)).toBe(64);
		expect(avc1.readUInt16BE(26)).toBe(64);
		// stsz: version/flags, default sample size, sample count.
		expect(child(video, 'stsz').body.readUInt32BE(8)).toBe(8);
	});
});

/** What makeWav promises for sample i: a half-scale sine. */
const expectedSample = (i: number, frequency: number, sampleRate: number) =>
	Math.round(16383 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));

describe('makeWav', () => {
	test('defaults: 1 s of 440 Hz, mono 16-bit PCM at 16 kHz', () => {
		const wav = makeWav();
		expect(MEDIA_TYPES.wav).toBe('audio/wav');
		expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
		expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
		expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
		expect(wav.toString('ascii', 12, 16)).toBe('fmt ');
		expect(wav.readUInt32LE(16)).toBe(16);
		expect(wav.readUInt16LE(20)).toBe(1);
		expect(wav.readUInt16LE(22)).toBe(1);
		expect(wav.readUInt32LE(24)).toBe(16000);
		expect(wav.readUInt32LE(28)).toBe(32000);
		expect(wav.readUInt16LE(32)).toBe(2);
		expect(wav.readUInt16LE(34)).toBe(16);
		expect(wav.toString('ascii', 36, 40)).toBe('data');
		expect(wav.readUInt32LE(40)).toBe(1 * 16000 * 2);
		expect(wav.length).toBe(44 + 32000);
		for (const i of [0, 1, 9, 10, 100, 4321, 15999]) {
			expect(
				Math.abs(wav.readInt16LE(44 + i * 2) - expectedSample(i, 440, 16000)),
			).toBeLessThanOrEqual(1);
		}
		// Half scale: the peak is near 16383, nowhere near clipping.
		let peak = 0;
		for (let offset = 44; offset < wav.length; offset += 2)
			peak = Math.max(peak, Math.abs(wav.readInt16LE(offset)));
		expect(peak).toBeGreaterThan(16000);
		expect(peak).toBeLessThanOrEqual(16384);
	});

	test('options change length, rate and tone; output is deterministic', () => {
		const wav = makeWav({ seconds: 0.5, frequency: 1000, sampleRate: 8000 });
		expect(wav.readUInt32LE(24)).toBe(8000);
		expect(wav.readUInt32LE(40)).toBe(0.5 * 8000 * 2);
		expect(wav.length).toBe(44 + 8000);
		for (const i of [1, 3, 7, 2001]) {
			expect(
				Math.abs(wav.readInt16LE(44 + i * 2) - expectedSample(i, 1000, 8000)),
			).toBeLessThanOrEqual(1);
		}
		expect(makeWav({ seconds: 2 }).length).toBe(44 + 64000);
		expect(makeWav({ frequency: 880 }).equals(makeWav())).toBe(false);
		expect(makeWav({ seconds: 0.5, frequency: 1000, sampleRate: 8000 }).equals(wav)).toBe(true);
		expect(() => makeWav({ sampleRate: 0 })).toThrow();
	});
});

describe('makeZip', () => {
	const directory = mkdtempSync(join(tmpdir(), 'media-zip-'));
	afterAll(() => rmSync(directory, { recursive: true, force: true }));

	const binary = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
	const text = Buffer.from('Grüße aus dem Emulator\n', 'utf8');
	const entries = [
		{ name: 'data/bytes.bin', bytes: binary },
		{ name: 'ümlaut.txt', bytes: text },
	];

	/** Python's zipfile: names, method, flags and bytes of every entry, after testzip(). */
	function readWithPython(file: string): Array<[string, number, number, string]> {
		const script = [
			'import base64, json, sys, zipfile',
			'z = zipfile.ZipFile(sys.argv[1])',
			'assert z.testzip() is None',
			'print(json.dumps([[i.filename, i.compress_type, i.flag_bits, base64.b64encode(z.read(i)).decode()] for i in z.infolist()]))',
		].join('\n');
		return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
	}

	test('is a valid archive with the exact names and bytes', () => {
		const zip = makeZip(entries);
		expect(MEDIA_TYPES.zip).toBe('application/zip');
		const file = join(directory, 'two.zip');
		writeFileSync(file, zip);
		expect(readWithPython(file)).toEqual([
			['data/bytes.bin', 0, 0x800, binary.toString('base64')],
			['ümlaut.txt', 0, 0x800, text.toString('base64')],
		]);
		if (existsSync('/usr/bin/unzip')) {
			expect(execFileSync('/usr/bin/unzip', ['-t', file], { encoding: 'utf8' })).toContain(
				'No errors detected',
			);
		}
	});

	test('same entries give the same bytes', () => {
		expect(
			makeZip(entries).equals(
				makeZip(entries.map(({ name, bytes }) => ({ name, bytes: Buffer.from(bytes) }))),
			),
		).toBe(true);
	});

	test('an empty archive is still valid', () => {
		const file = join(directory, 'empty.zip');
		writeFileSync(file, makeZip([]));
		expect(readWithPython(file)).toEqual([]);
	});
});
