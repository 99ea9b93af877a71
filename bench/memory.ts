/**
 * Measurements 4 and 5: peak RSS growth while the node moves a large file,
 * held to 64 MiB: (4) uploading a 200 MiB input, streamed from n8n's binary
 * store twice (its hash, then the upload in 10 MiB parts); (5) a 500 MiB
 * video output, streamed from fal's CDN into n8n's binary store. The node
 * runs in a fresh child process (memoryChild.ts), so nothing measured before
 * disturbs its heap; the emulator stays in this process, so the bytes it
 * sends, receives and keeps are not counted in the measured one.
 */
import { fork } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FalEmulator } from '../test/emulator';
import { anyEndpointParameters } from '../test/helpers/anyEndpoint';
import { makePng } from '../test/helpers/images';
import { mib, ms, ratio, type Section } from './report';
import type { MemoryChildResult, MemoryRun } from './memoryChild';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG signature followed by zeros: an "image" to the node's magic-byte check, written without holding it in memory. */
function writeFakePng(path: string, size: number): void {
	const chunk = Buffer.alloc(8 * 2 ** 20);
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, PNG_SIGNATURE);
		for (let written = PNG_SIGNATURE.length; written < size;) {
			const length = Math.min(chunk.length, size - written);
			written += writeSync(fd, chunk, 0, length);
		}
	} finally {
		closeSync(fd);
	}
}

async function runChild(env: Record<string, string>): Promise<MemoryChildResult> {
	const child = fork(join(__dirname, 'memoryChild.ts'), [], {
		cwd: join(__dirname, '..'),
		execArgv: ['--import', 'tsx', '--expose-gc'],
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let answer: { result?: MemoryChildResult; error?: string } = {};
	child.on('message', (message) => (answer = message as typeof answer));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', resolve);
	});
	if (answer.result) return answer.result;
	throw new Error(`memory child failed (exit ${code}): ${answer.error ?? 'no answer'}`);
}

/** 64 MiB: a few 10 MiB parts and stream buffers, against hundreds of MiB of file. */
const BOUND_BYTES = 64 * 2 ** 20;

function uploadRun(path: string): MemoryRun {
	return {
		parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
		files: { data: { path, mimeType: 'image/png', fileName: 'large.png' } },
	};
}

function memoryRows(
	measure: string,
	name: string,
	result: MemoryChildResult,
	sizeBytes: number,
): { row: Section['rows'][number]; raw: Section['raw'] } {
	const peakRss = Math.max(result.sampledPeakRss, result.kernelPeakRss ?? 0);
	const growth = peakRss - result.baselineRss;
	const first = result.timeline[0];
	return {
		row: {
			measure,
			value: mib(growth),
			baseline: mib(sizeBytes),
			ratio: `${ratio(growth / sizeBytes)}x`,
			target: `<= ${mib(BOUND_BYTES)}`,
			ok: growth <= BOUND_BYTES,
			check: { name, value: `${(growth / 2 ** 20).toFixed(1)} MiB` },
		},
		raw: {
			'RSS at node start (baseline)': mib(result.baselineRss),
			'peak RSS sampled every 5 ms': `${mib(result.sampledPeakRss)} (+${mib(result.sampledPeakRss - result.baselineRss)}, ${result.samples} samples)`,
			'peak RSS, kernel VmHWM': result.kernelPeakRss
				? `${mib(result.kernelPeakRss)} (+${mib(result.kernelPeakRss - result.baselineRss)})`
				: 'unavailable',
			'peak ArrayBuffer/Buffer memory': `${mib(result.peakArrayBuffers)} (+${mib(result.peakArrayBuffers - result.baselineArrayBuffers)})`,
			'RSS growth at the first request': first
				? `${mib(first.rss - result.baselineRss)} (${first.request}, ${ms(first.atMs)} after node start)`
				: '-',
			'RSS growth at each request': result.timeline
				.map(
					(entry) =>
						`${entry.request} @${Math.round(entry.atMs)} ms: +${((entry.rss - result.baselineRss) / 2 ** 20).toFixed(0)} MiB`,
				)
				.join(', '),
			'node run time': ms(result.durationMs),
		},
	};
}

export async function measureLargeUpload(
	emulator: FalEmulator,
	sizeBytes = 200 * 2 ** 20,
): Promise<Section> {
	const dir = mkdtempSync(join(tmpdir(), 'fal-bench-'));
	try {
		const file = join(dir, 'large.png');
		const warmup = join(dir, 'warmup.png');
		writeFakePng(file, sizeBytes);
		writeFakePng(warmup, 2 ** 20);
		emulator.reset();
		const result = await runChild({
			BENCH_PROXY_URL: emulator.proxyUrl,
			BENCH_RUN: JSON.stringify(uploadRun(file)),
			BENCH_WARMUP_RUN: JSON.stringify(uploadRun(warmup)),
		});
		const stored = emulator.file(String(result.output.url));
		if (stored?.bytes.length !== sizeBytes)
			throw new Error(
				`the emulator holds ${stored?.bytes.length} bytes at ${String(result.output.url)}, not ${sizeBytes}`,
			);
		const multipart = `${emulator.stats.multipartUploads} / ${emulator.stats.requests.multipartPart}`;
		emulator.reset(); // frees the emulator's copy
		const { row, raw } = memoryRows(
			`4 peak RSS growth during a ${mib(sizeBytes)} upload (filesystem mode) vs file size`,
			'upload_200mib_rss_growth',
			result,
			sizeBytes,
		);
		return { rows: [row], raw: { ...raw, 'emulator: multipart uploads / parts': multipart } };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Image to video through Any fal Endpoint (its output, the emulator's `videoOutput`). */
function videoRun(imagePath: string): MemoryRun {
	const parameters = anyEndpointParameters(
		'fal-ai/kling-video/v2.1/standard/image-to-video',
		{ prompt: 'rain on the bench', image_url: 'data' },
		{ maxDownloadMb: 2048 },
	);
	return {
		typeVersion: 2,
		parameters,
		files: { data: { path: imagePath, mimeType: 'image/png', fileName: 'photo.png' } },
	};
}

function speechRun(): MemoryRun {
	return {
		typeVersion: 2,
		parameters: anyEndpointParameters('fal-ai/kokoro/american-english', { prompt: 'warming up' }),
		files: {},
	};
}

export async function measureLargeVideo(
	emulator: FalEmulator,
	sizeBytes = 500 * 2 ** 20,
): Promise<Section> {
	const dir = mkdtempSync(join(tmpdir(), 'fal-bench-'));
	try {
		const image = join(dir, 'photo.png');
		writeFileSync(image, makePng(64, 64, [200, 30, 30]));
		emulator.reset();
		emulator.configure({
			queueTimeMs: 10,
			inferenceTimeMs: 50,
			videoOutput: Buffer.alloc(sizeBytes, 7),
		});
		// The warm-up (speech, a small file) loads the same code, downloads included.
		const result = await runChild({
			BENCH_PROXY_URL: emulator.proxyUrl,
			BENCH_WARMUP_RUN: JSON.stringify(speechRun()),
			BENCH_RUN: JSON.stringify(videoRun(image)),
		});
		emulator.configure({ videoOutput: undefined });
		emulator.reset();
		if (result.binarySizes.video !== sizeBytes)
			throw new Error(
				`the node stored ${result.binarySizes.video} bytes of video, not ${sizeBytes}`,
			);
		const { row, raw } = memoryRows(
			`5 peak RSS growth during a ${mib(sizeBytes)} video output (filesystem mode) vs file size`,
			'video_500mib_rss_growth',
			result,
			sizeBytes,
		);
		return { rows: [row], raw };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
