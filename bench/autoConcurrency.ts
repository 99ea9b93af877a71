/**
 * Measurements 7–9 (issue 16): Concurrency: Auto against an account limit K
 * the node is not told (the emulator's per-key limit).
 *
 *   7. N = 80, L = 1 s, K ∈ {2, 10, 40}: wall vs ceil(N/K)·L, the most of the
 *      run's requests waiting IN_QUEUE at once; Concurrency 4 (the old default)
 *      beside it in the same run.
 *   8. N = 1,000 and N = 100, L = 1 s, K = 40, in a child process (the node's
 *      CPU and memory apart from the emulator's): wall vs ideal, CPU per item,
 *      peak RSS with 1,000 output images in filesystem binary mode.
 *   9. a run that stops (the first item fails, no Continue On Fail), K = 2,
 *      N = 40: what fal runs after the stop; the rest cancelled or never sent.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INodeParameters } from 'n8n-workflow';
import { type FalEmulator, type Job, peakRunning, peakWaiting } from '../test/emulator';
import { mib, ms, ratio, type Row, type Section, seconds } from './report';
import type { ScaleChildResult } from './scaleChild';
import { runBuiltNode } from './workflow';
import { inpaintItems, inpaintParameters } from './inputs';

interface Run {
	wallMs: number;
	jobs: Job[];
	error?: Error;
}

async function runAt(
	emulator: FalEmulator,
	limit: number,
	count: number,
	latencyMs: number,
	nodeOptions: INodeParameters = {},
	setup: Parameters<FalEmulator['configure']>[0] = {},
): Promise<Run> {
	emulator.reset();
	emulator.configure({
		concurrency: limit,
		queueTimeMs: 10,
		inferenceTimeMs: latencyMs,
		inferenceJitterMs: 0,
		faults: [],
		...setup,
	});
	// The wall is the fal.ai node's, from its start (as in 8): the test input node storing the items' binaries is not the node's time.
	let started = performance.now();
	let error: Error | undefined;
	const onFalNodeStart = () => (started = performance.now());
	await runBuiltNode({
		parameters: inpaintParameters(nodeOptions),
		items: inpaintItems(count),
		proxyUrl: emulator.proxyUrl,
		onFalNodeStart,
	}).catch((caught: Error) => (error = caught));
	const run = { wallMs: performance.now() - started, jobs: emulator.jobs(), error };
	emulator.configure({ concurrency: Number.POSITIVE_INFINITY });
	return run;
}

// ---- 7. Auto finds K -----------------------------------------------------------

export async function measureAutoConcurrency(
	emulator: FalEmulator,
	count = 80,
	latencyMs = 1000,
): Promise<Section> {
	const rows: Row[] = [];
	const raw: Section['raw'] = {};
	for (const limit of [2, 10, 40]) {
		const auto = await runAt(emulator, limit, count, latencyMs);
		if (auto.error) throw auto.error;
		const fixed = await runAt(emulator, limit, count, latencyMs, { concurrency: 4 });
		if (fixed.error) throw fixed.error;
		const idealMs = Math.ceil(count / limit) * latencyMs;
		const autoRatio = auto.wallMs / idealMs;
		const waiting = peakWaiting(auto.jobs);
		rows.push(
			{
				measure: `7 Auto wall, K=${limit} (not told), N=${count}, L=${latencyMs} ms, vs ceil(N/K)*L`,
				value: seconds(auto.wallMs),
				baseline: seconds(idealMs),
				ratio: ratio(autoRatio, 3),
				target: '<= 1.15',
				ok: autoRatio <= 1.15,
				check: { name: `auto_wall_ratio_k${limit}`, value: ratio(autoRatio, 3) },
			},
			{
				measure: `7 Auto most requests waiting IN_QUEUE at once, K=${limit}`,
				value: String(waiting),
				baseline: String(count),
				ratio: '-',
				target: '<= 4',
				ok: waiting <= 4,
				check: { name: `auto_peak_waiting_k${limit}`, value: String(waiting) },
			},
			{
				measure: `7 Concurrency 4 (old default) wall, K=${limit}, vs Auto`,
				value: seconds(fixed.wallMs),
				baseline: seconds(auto.wallMs),
				ratio: `${ratio(fixed.wallMs / auto.wallMs)}x`,
				target: '-',
			},
		);
		raw[`K=${limit}`] =
			`Auto: wall ${seconds(auto.wallMs)}, ran at once ${peakRunning(auto.jobs)}, waiting at most ${waiting}; ` +
			`Concurrency 4: wall ${seconds(fixed.wallMs)}, ran at once ${peakRunning(fixed.jobs)}, waiting at most ${peakWaiting(fixed.jobs)}`;
	}
	return { rows, raw };
}

// ---- 8. 1,000 items -------------------------------------------------------------

async function runScaleChild(proxyUrl: string, count: number): Promise<ScaleChildResult> {
	const child = fork(join(__dirname, 'scaleChild.ts'), [], {
		cwd: join(__dirname, '..'),
		execArgv: ['--import', 'tsx', '--expose-gc'],
		env: {
			...process.env,
			BENCH_PROXY_URL: proxyUrl,
			BENCH_ITEMS: String(count),
			BENCH_WARMUP_ITEMS: '8',
		},
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let answer: { result?: ScaleChildResult; error?: string } = {};
	child.on('message', (message) => (answer = message as typeof answer));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', resolve);
	});
	if (answer.result) return answer.result;
	throw new Error(`scale child failed (exit ${code}): ${answer.error ?? 'no answer'}`);
}

/**
 * The bound on peak RSS growth with 1,000 output images: 128 MiB. The images
 * themselves go to disk (filesystem mode) and are never all in memory; what
 * stays is per item: its input and output JSON and binary references in n8n's
 * execution data, a few KiB each (1,000 × 64 KiB = 62.5 MiB), plus the
 * engine's working set. A leak of the images (1,000 × a few KiB PNG) or of
 * per-request buffers would show as growth with N beyond that.
 */
const SCALE_RSS_BOUND = 128 * 2 ** 20;

export async function measureScale(
	emulator: FalEmulator,
	latencyMs = 1000,
	limit = 40,
): Promise<Section> {
	const results: ScaleChildResult[] = [];
	for (const count of [100, 1000]) {
		emulator.reset();
		emulator.configure({
			concurrency: limit,
			queueTimeMs: 10,
			inferenceTimeMs: latencyMs,
			inferenceJitterMs: 0,
			faults: [],
		});
		results.push(await runScaleChild(emulator.proxyUrl, count));
		if (results.at(-1)!.outputsWithImage !== count)
			throw new Error(`${count} items: ${results.at(-1)!.outputsWithImage} outputs with an image`);
	}
	emulator.configure({ concurrency: Number.POSITIVE_INFINITY });
	const [small, large] = results;
	const idealMs = Math.ceil(large.items / limit) * latencyMs;
	const wallRatio = large.wallMs / idealMs;
	const cpuPerItem = (result: ScaleChildResult) => result.cpuMs / result.items;
	const cpuRatio = cpuPerItem(large) / cpuPerItem(small);
	const growth = large.peakRss - large.baselineRss;
	return {
		rows: [
			{
				measure: `8 wall, N=1000, L=${latencyMs} ms, K=${limit}, Auto, vs ideal ceil(N/K)*L`,
				value: seconds(large.wallMs),
				baseline: seconds(idealMs),
				ratio: ratio(wallRatio, 3),
				target: '<= 1.10',
				ok: wallRatio <= 1.1,
				check: { name: 'n1000_wall_ratio', value: ratio(wallRatio, 3) },
			},
			{
				measure: '8 node CPU per item, N=1000 vs N=100',
				value: ms(cpuPerItem(large)),
				baseline: ms(cpuPerItem(small)),
				ratio: ratio(cpuRatio, 3),
				target: '<= 1.2',
				ok: cpuRatio <= 1.2,
				check: { name: 'cpu_per_item_ratio_n1000_vs_n100', value: ratio(cpuRatio, 3) },
			},
			{
				measure: '8 peak RSS growth, N=1000 output images, filesystem mode',
				value: mib(growth),
				baseline: mib(small.peakRss - small.baselineRss),
				ratio: ratio(growth / Math.max(1, small.peakRss - small.baselineRss)),
				target: `<= ${mib(SCALE_RSS_BOUND)}`,
				ok: growth <= SCALE_RSS_BOUND,
				check: { name: 'n1000_peak_rss_growth', value: `${(growth / 2 ** 20).toFixed(1)} MiB` },
			},
		],
		raw: Object.fromEntries(
			results.map((result) => [
				`N=${result.items}`,
				`wall ${seconds(result.wallMs)}, node CPU ${ms(result.cpuMs)} (${ms(cpuPerItem(result))}/item), RSS ${mib(result.baselineRss)} → peak ${mib(result.peakRss)}`,
			]),
		),
	};
}

// ---- 9. a run that stops ----------------------------------------------------------

export async function measureStop(
	emulator: FalEmulator,
	count = 40,
	limit = 2,
	latencyMs = 1000,
): Promise<Section> {
	const run = await runAt(
		emulator,
		limit,
		count,
		latencyMs,
		{},
		{ faults: [{ route: 'submit', kind: 'fail-job', calls: [1] }] },
	);
	if (!run.error) throw new Error('the run did not fail');
	const failed = run.jobs.find((job) => job.outcome?.status === 500);
	if (!failed?.completedAt) throw new Error('no failed job');
	const cancelledWhileQueued = run.jobs.filter(
		(job) => job.cancelled && job.startedAt === undefined,
	);
	// The node's stop: its first cancel of a queued request reaching fal (or, with nothing queued, the failure itself).
	const stopAt =
		cancelledWhileQueued.length > 0
			? Math.min(...cancelledWhileQueued.map((job) => job.completedAt!))
			: failed.completedAt;
	const others = run.jobs.filter((job) => job !== failed && !cancelledWhileQueued.includes(job));
	// What fal ran from the stop on: requests running at that moment, and any started after it.
	const ranAfter = others.filter(
		(job) => job.startedAt !== undefined && (job.completedAt ?? Number.POSITIVE_INFINITY) > stopAt,
	).length;
	const startedAfter = others.filter(
		(job) => job.startedAt !== undefined && job.startedAt > stopAt,
	).length;
	const finishedBefore = others.filter(
		(job) => job.completedAt !== undefined && job.completedAt <= stopAt,
	).length;
	const cancelledQueued = cancelledWhileQueued.length;
	const neverSent = count - run.jobs.length;
	return {
		rows: [
			{
				measure: `9 requests fal ran after the stop, N=${count}, K=${limit}, item 0 fails`,
				value: String(ranAfter),
				baseline: String(limit),
				ratio: '-',
				target: `<= ${limit}`,
				ok: ranAfter <= limit,
				check: { name: 'stop_requests_run_after_stop', value: String(ranAfter) },
			},
			{
				measure: '9 the rest: cancelled while queued + never sent',
				value: String(cancelledQueued + neverSent),
				baseline: String(count - 1 - ranAfter - finishedBefore),
				ratio: '-',
				target: '= the rest',
				ok: cancelledQueued + neverSent === count - 1 - ranAfter - finishedBefore,
				check: {
					name: 'stop_rest_cancelled_or_unsent',
					value: String(cancelledQueued + neverSent),
				},
			},
		],
		raw: {
			jobs: `${run.jobs.length} submitted of ${count}: 1 failed, ${finishedBefore} finished before the stop, ${ranAfter} running at the stop (${startedAfter} started after it), ${cancelledQueued} cancelled while queued, ${neverSent} never sent`,
			'stop: failure to first cancel at fal': ms(stopAt - failed.completedAt),
			error: run.error.message,
			'wall time': seconds(run.wallMs),
		},
	};
}
