/**
 * The measured process of measurement 8 (forked by autoConcurrency.ts, with
 * --expose-gc): one run of the built node over many items, n8n's binary data
 * in filesystem mode, at the default settings (Concurrency: Auto). The
 * emulator runs in the parent, so its CPU time and memory are not counted
 * here: what is measured is the node (and n8n's engine around it).
 *
 * Input: BENCH_PROXY_URL, BENCH_ITEMS (how many), BENCH_WARMUP_ITEMS. Output:
 * one ScaleChildResult message to the parent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { useBinaryDataMode } from '../test/n8n/engine';
import { answerParent } from './child';
import { inpaintItems, inpaintParameters } from './inputs';
import { runBuiltNode } from './workflow';

export interface ScaleChildResult {
	items: number;
	wallMs: number;
	/** The node's CPU time (user + system) from its start to its output. */
	cpuMs: number;
	baselineRss: number;
	/** The kernel's high-water mark (VmHWM), reset when the node started. */
	peakRss: number;
	outputsWithImage: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const parameters = inpaintParameters();

function kernelPeakRss(): number {
	const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
	return kib ? Number(kib) * 1024 : Number.NaN;
}

async function main(): Promise<ScaleChildResult> {
	const proxyUrl = process.env.BENCH_PROXY_URL!;
	const count = Number(process.env.BENCH_ITEMS);
	await useBinaryDataMode('filesystem');
	await runBuiltNode({
		parameters,
		items: inpaintItems(Number(process.env.BENCH_WARMUP_ITEMS ?? 4)),
		proxyUrl,
	});

	let started = 0;
	let cpuAtStart = process.cpuUsage();
	let baselineRss = 0;
	const output = await runBuiltNode({
		parameters,
		items: inpaintItems(count),
		proxyUrl,
		onFalNodeStart: () => {
			gc();
			baselineRss = process.memoryUsage().rss;
			// Resets VmHWM to the current RSS (Linux).
			writeFileSync('/proc/self/clear_refs', '5');
			cpuAtStart = process.cpuUsage();
			started = performance.now();
		},
	});
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuAtStart);
	return {
		items: count,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		baselineRss,
		peakRss: kernelPeakRss(),
		outputsWithImage: output.filter((item) => item.binary?.image).length,
	};
}

answerParent(main);
