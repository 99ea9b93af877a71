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
import type { INodeParameters } from 'n8n-workflow';
import { makePng } from '../test/helpers/images';
import { shutdownN8nCore } from '../test/n8n/credentialTest';
import { cleanUpBinaryData, useBinaryDataMode } from '../test/n8n/engine';
import type { TestItem } from '../test/n8n/workflow';
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

const MASK = makePng(64, 64, [0, 0, 0], { x: 0, y: 0, width: 32, height: 32, colour: [255, 255, 255] });

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const parameters: INodeParameters = {
	model: 'fast-sdxl',
	operation: 'inpaint',
	prompt: '={{ $json.prompt }}',
	options: { image_size: 'custom', image_size_width: 64, image_size_height: 64, format: 'png', seed: 42 },
};

/** Each item its own 16×16 photo and prompt, and the same mask. */
function items(count: number): TestItem[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { prompt: `item ${index}` },
		binary: {
			data: { bytes: makePng(16, 16, [index % 256, Math.floor(index / 256), 50]), mimeType: 'image/png', fileName: `photo-${index}.png` },
			mask: { bytes: MASK, mimeType: 'image/png', fileName: 'mask.png' },
		},
	}));
}

function kernelPeakRss(): number {
	const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
	return kib ? Number(kib) * 1024 : Number.NaN;
}

async function main(): Promise<ScaleChildResult> {
	const proxyUrl = process.env.BENCH_PROXY_URL!;
	const count = Number(process.env.BENCH_ITEMS);
	await useBinaryDataMode('filesystem');
	await runBuiltNode({ parameters, items: items(Number(process.env.BENCH_WARMUP_ITEMS ?? 4)), proxyUrl });

	let started = 0;
	let cpuAtStart = process.cpuUsage();
	let baselineRss = 0;
	const output = await runBuiltNode({
		parameters,
		items: items(count),
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
