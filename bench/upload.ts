/**
 * Measurement 4: peak RSS growth while the node uploads a 200 MiB file, held
 * to 64 MiB: the file is streamed from n8n's binary store twice (its hash,
 * then the upload in 10 MiB parts), never held whole. The node runs in a fresh child process
 * (uploadChild.ts), so nothing measured before disturbs its heap; the
 * emulator stays in this process, so the bytes it receives and keeps are not
 * counted in the measured one.
 */
import { fork } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FalEmulator } from '../test/emulator';
import { mib, ms, ratio, type Section } from './report';
import type { UploadChildResult } from './uploadChild';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG signature followed by zeros: an "image" to the node's magic-byte check, written without holding it in memory. */
function writeFakePng(path: string, size: number): void {
	const chunk = Buffer.alloc(8 * 2 ** 20);
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, PNG_SIGNATURE);
		for (let written = PNG_SIGNATURE.length; written < size; ) {
			const length = Math.min(chunk.length, size - written);
			written += writeSync(fd, chunk, 0, length);
		}
	} finally {
		closeSync(fd);
	}
}

async function runChild(env: Record<string, string>): Promise<UploadChildResult> {
	const child = fork(join(__dirname, 'uploadChild.ts'), [], {
		cwd: join(__dirname, '..'),
		execArgv: ['--import', 'tsx', '--expose-gc'],
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let answer: { result?: UploadChildResult; error?: string } = {};
	child.on('message', (message) => (answer = message as typeof answer));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', resolve);
	});
	if (answer.result) return answer.result;
	throw new Error(`upload child failed (exit ${code}): ${answer.error ?? 'no answer'}`);
}

export async function measureLargeUpload(emulator: FalEmulator, sizeBytes = 200 * 2 ** 20): Promise<Section> {
	const dir = mkdtempSync(join(tmpdir(), 'fal-bench-'));
	try {
		const file = join(dir, 'large.png');
		const warmup = join(dir, 'warmup.png');
		writeFakePng(file, sizeBytes);
		writeFakePng(warmup, 2 ** 20);
		emulator.reset();
		const result = await runChild({ BENCH_PROXY_URL: emulator.proxyUrl, BENCH_FILE: file, BENCH_WARMUP_FILE: warmup });
		const stored = emulator.file(String(result.output.url));
		if (stored?.bytes.length !== sizeBytes) throw new Error(`the emulator holds ${stored?.bytes.length} bytes at ${String(result.output.url)}, not ${sizeBytes}`);
		const multipartUploads = emulator.stats.multipartUploads;
		const parts = emulator.stats.requests.multipartPart;
		emulator.reset(); // frees the emulator's copy

		const peakRss = Math.max(result.sampledPeakRss, result.kernelPeakRss ?? 0);
		const growth = peakRss - result.baselineRss;
		const growthRatio = growth / sizeBytes;
		const boundBytes = 64 * 2 ** 20;
		const first = result.timeline[0];
		return {
			rows: [
				{
					measure: `4 peak RSS growth during a ${mib(sizeBytes)} upload (filesystem mode) vs file size`,
					value: mib(growth),
					baseline: mib(sizeBytes),
					ratio: `${ratio(growthRatio)}x`,
					target: `<= ${mib(boundBytes)}`,
					ok: growth <= boundBytes,
				},
			],
			raw: {
				'RSS at node start (baseline)': mib(result.baselineRss),
				'peak RSS sampled every 5 ms': `${mib(result.sampledPeakRss)} (+${mib(result.sampledPeakRss - result.baselineRss)}, ${result.samples} samples)`,
				'peak RSS, kernel VmHWM': result.kernelPeakRss ? `${mib(result.kernelPeakRss)} (+${mib(result.kernelPeakRss - result.baselineRss)})` : 'unavailable',
				'peak ArrayBuffer/Buffer memory': `${mib(result.peakArrayBuffers)} (+${mib(result.peakArrayBuffers - result.baselineArrayBuffers)})`,
				'RSS growth at the first storage request': first ? `${mib(first.rss - result.baselineRss)} (${first.request}, ${ms(first.atMs)} after node start; arrayBuffers +${mib(first.arrayBuffers - result.baselineArrayBuffers)})` : '-',
				'RSS growth at each storage request': result.timeline.map((entry) => `${entry.request} @${Math.round(entry.atMs)} ms: +${((entry.rss - result.baselineRss) / 2 ** 20).toFixed(0)} MiB`).join(', '),
				'node run time': ms(result.durationMs),
				'emulator: multipart uploads / parts': `${multipartUploads} / ${parts}`,
			},
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
