/**
 * The measured process of measurement 4 (forked by upload.ts, with
 * --expose-gc): the node's Upload File operation on one large file, n8n's
 * binary data in filesystem mode. The emulator runs in the parent, so the
 * bytes it receives are not counted here.
 *
 * Input: BENCH_PROXY_URL, BENCH_FILE (the large file), BENCH_WARMUP_FILE (a
 * small one, uploaded first so that module loading and the first fetch do
 * not count). Output: one UploadChildResult message to the parent.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { IDataObject } from 'n8n-workflow';
import { shutdownN8nCore } from '../test/n8n/credentialTest';
import { cleanUpBinaryData, useBinaryDataMode } from '../test/n8n/engine';
import { runBuiltNode } from './workflow';

export interface UploadChildResult {
	fileBytes: number;
	/** RSS when the fal.ai node started (after a full GC). */
	baselineRss: number;
	/** Highest RSS sampled (every 5 ms) while the node ran. */
	sampledPeakRss: number;
	/** The kernel's high-water mark (VmHWM), reset when the node started: catches peaks between samples. */
	kernelPeakRss?: number;
	/** Highest ArrayBuffer/Buffer memory sampled while the node ran. */
	peakArrayBuffers: number;
	baselineArrayBuffers: number;
	durationMs: number;
	samples: number;
	/** RSS when each fal storage request was sent: where the copies appear. */
	timeline: Array<{ atMs: number; request: string; rss: number; arrayBuffers: number }>;
	output: IDataObject;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function kernelPeakRss(): number | undefined {
	try {
		const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
		return kib ? Number(kib) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

function resetKernelPeak(): void {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
	} catch {
		// Not Linux, or not allowed: the sampled peak remains.
	}
}

/** Which fal storage call a request is. */
function requestName(path: string, method: string): string {
	if (path.includes('/upload-multipart/')) return /\/complete(\?|$)/.test(path) ? 'multipart complete' : `part ${/\/(\d+)(\?|$)/.exec(path)?.[1]}`;
	if (path.includes('/upload/')) return 'single PUT';
	return method === 'POST' ? 'initiate' : `${method} ${path.slice(0, 60)}`;
}

let measuring: { startedAt: number; timeline: UploadChildResult['timeline'] } | undefined;

// Every request n8n's helpers send (node:http underneath): note the memory as each starts.
subscribe('http.client.request.start', (message) => {
	if (!measuring) return;
	const { request } = message as { request: ClientRequest };
	const { rss, arrayBuffers } = process.memoryUsage();
	measuring.timeline.push({ atMs: performance.now() - measuring.startedAt, request: requestName(request.path, request.method), rss, arrayBuffers });
});

async function uploadFile(path: string, proxyUrl: string, onFalNodeStart?: () => void): Promise<IDataObject> {
	const [item] = await runBuiltNode({
		parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
		items: [{ binary: { data: { path, mimeType: 'image/png', fileName: 'large.png' } } }],
		proxyUrl,
		onFalNodeStart,
	});
	if (!item) throw new Error('the fal.ai node returned no item');
	return item.json;
}

async function main(): Promise<UploadChildResult> {
	const proxyUrl = process.env.BENCH_PROXY_URL!;
	await useBinaryDataMode('filesystem');
	await uploadFile(process.env.BENCH_WARMUP_FILE!, proxyUrl);

	let baselineRss = 0;
	let baselineArrayBuffers = 0;
	let sampledPeakRss = 0;
	let peakArrayBuffers = 0;
	let samples = 0;
	let startedAt = 0;
	const sample = () => {
		if (!startedAt) return;
		const { rss, arrayBuffers } = process.memoryUsage();
		sampledPeakRss = Math.max(sampledPeakRss, rss);
		peakArrayBuffers = Math.max(peakArrayBuffers, arrayBuffers);
		samples++;
	};
	const onFalNodeStart = () => {
		gc();
		({ rss: baselineRss, arrayBuffers: baselineArrayBuffers } = process.memoryUsage());
		resetKernelPeak();
		startedAt = performance.now();
		measuring = { startedAt, timeline: [] };
		sample();
	};
	const sampler = setInterval(sample, 5);
	const output = await uploadFile(process.env.BENCH_FILE!, proxyUrl, onFalNodeStart);
	sample();
	const durationMs = performance.now() - startedAt;
	const kernelPeak = kernelPeakRss();
	clearInterval(sampler);
	const timeline = measuring?.timeline ?? [];
	measuring = undefined;
	return {
		fileBytes: Number(output.fileSize),
		baselineRss,
		sampledPeakRss,
		kernelPeakRss: kernelPeak,
		peakArrayBuffers,
		baselineArrayBuffers,
		durationMs,
		samples,
		timeline,
		output,
	};
}

main().then(
	(result) => {
		cleanUpBinaryData();
		shutdownN8nCore();
		process.send!({ result }, () => process.exit(0));
	},
	(error: Error) => {
		cleanUpBinaryData();
		process.send!({ error: `${error.message}\n${error.stack ?? ''}` }, () => process.exit(1));
	},
);
