/**
 * The measured process of the memory measurements (forked by memory.ts, with
 * --expose-gc): one run of the built node on large data (uploading a large
 * file, or generating a large video), n8n's binary data in filesystem mode.
 * The emulator runs in the parent, so the bytes it receives and keeps are not
 * counted here.
 *
 * Input: BENCH_PROXY_URL, BENCH_RUN and BENCH_WARMUP_RUN (JSON: the node's
 * parameters and one item's binary files by path; the warm-up runs first so
 * that module loading and the first request do not count). Output: one
 * MemoryChildResult message to the parent.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import { performance } from 'node:perf_hooks';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { useBinaryDataMode } from '../test/n8n/engine';
import { answerParent } from './child';
import { runBuiltNode } from './workflow';

export interface MemoryChildResult {
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
	/** Each output binary's size in n8n's binary store. */
	binarySizes: Record<string, number>;
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
	if (path.includes('/upload-multipart/'))
		return /\/complete(\?|$)/.test(path)
			? 'multipart complete'
			: `part ${/\/(\d+)(\?|$)/.exec(path)?.[1]}`;
	if (path.includes('/upload/')) return 'single PUT';
	return method === 'POST' ? 'initiate' : `${method} ${path.slice(0, 60)}`;
}

let measuring: { startedAt: number; timeline: MemoryChildResult['timeline'] } | undefined;

// Every request n8n's helpers send (node:http underneath): note the memory as each starts.
subscribe('http.client.request.start', (message) => {
	if (!measuring) return;
	const { request } = message as { request: ClientRequest };
	const { rss, arrayBuffers } = process.memoryUsage();
	measuring.timeline.push({
		atMs: performance.now() - measuring.startedAt,
		request: requestName(request.path, request.method),
		rss,
		arrayBuffers,
	});
});

/** What the parent asks the child to run: the node's parameters (and version) and one item's files. */
export interface MemoryRun {
	parameters: INodeParameters;
	typeVersion?: number;
	files: Record<string, { path: string; mimeType: string; fileName: string }>;
}

async function runOnce(
	run: MemoryRun,
	proxyUrl: string,
	onFalNodeStart?: () => void,
): Promise<INodeExecutionData> {
	const [item] = await runBuiltNode({
		parameters: run.parameters,
		typeVersion: run.typeVersion,
		items: [{ binary: run.files }],
		proxyUrl,
		onFalNodeStart,
	});
	if (!item) throw new Error('the fal.ai node returned no item');
	return item;
}

/** The size of each output binary as stored on disk (read after the measurement). */
function storedSizes(item: INodeExecutionData): Record<string, number> {
	const service = Container.get(BinaryDataService);
	return Object.fromEntries(
		Object.entries(item.binary ?? {}).map(([name, binary]) => [
			name,
			binary.id
				? statSync(service.getPath(binary.id)).size
				: Buffer.from(binary.data, 'base64').length,
		]),
	);
}

async function main(): Promise<MemoryChildResult> {
	const proxyUrl = process.env.BENCH_PROXY_URL!;
	await useBinaryDataMode('filesystem');
	await runOnce(JSON.parse(process.env.BENCH_WARMUP_RUN!) as MemoryRun, proxyUrl);

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
	const item = await runOnce(
		JSON.parse(process.env.BENCH_RUN!) as MemoryRun,
		proxyUrl,
		onFalNodeStart,
	);
	sample();
	const durationMs = performance.now() - startedAt;
	const kernelPeak = kernelPeakRss();
	clearInterval(sampler);
	const timeline = measuring?.timeline ?? [];
	measuring = undefined;
	return {
		baselineRss,
		sampledPeakRss,
		kernelPeakRss: kernelPeak,
		peakArrayBuffers,
		baselineArrayBuffers,
		durationMs,
		samples,
		timeline,
		output: item.json,
		binarySizes: storedSizes(item),
	};
}

answerParent(main);
