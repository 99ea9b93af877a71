/**
 * The node's performance, measured against the local fal emulator in n8n's
 * real execution engine (npm run bench). Every target is a ratio to, or a
 * count next to, a baseline measured in the same run, so a slower or busier
 * machine moves both. A missed target is reported, not failed: the exit code
 * is 0 unless a measurement could not be made at all.
 *
 *   1. many items: wall time at the default concurrency vs the ideal, and vs one at a time
 *   2. from fal marking a job done to the node having its result, stream vs poll
 *   3. a mask shared by 100 items: how often it is uploaded
 *   4. peak memory while uploading a 200 MiB file
 *   5. peak memory while a 500 MiB video output is stored
 *   6. cold require time of the built node
 *   7–9. Concurrency: Auto against an account limit it is not told; 1,000 items; a run that stops (autoConcurrency.ts)
 */
import { performance } from 'node:perf_hooks';
import { startFalEmulator } from '../test/emulator';
import { shutdownN8nCore } from '../test/n8n/credentialTest';
import { cleanUpBinaryData, useBinaryDataMode } from '../test/n8n/engine';
import { measureAutoConcurrency, measureScale, measureStop } from './autoConcurrency';
import { measureConcurrency, measureLag, measureSharedMask } from './items';
import { formatTable, printRaw, type Row, type Section, seconds, targetLine } from './report';
import { measureRequireTime } from './requireTime';
import { measureLargeUpload, measureLargeVideo } from './memory';

async function main(): Promise<number> {
	const started = performance.now();
	const emulator = await startFalEmulator();
	await useBinaryDataMode('default');

	const measurements: Array<[string, () => Promise<Section>]> = [
		[
			'1. 100 items, L = 1 s: default concurrency vs ideal and vs one at a time',
			() => measureConcurrency(emulator),
		],
		['2. completion-to-return lag and status requests, stream vs poll', () => measureLag(emulator)],
		['3. a mask shared by 100 items', () => measureSharedMask(emulator)],
		['4. peak RSS during a 200 MiB upload (child process)', () => measureLargeUpload(emulator)],
		[
			'5. peak RSS during a 500 MiB video output (child process)',
			() => measureLargeVideo(emulator),
		],
		['6. cold require time (child processes)', () => measureRequireTime()],
		[
			'7. Concurrency: Auto, N = 80, L = 1 s, account limit K = 2, 10, 40 (not told to the node)',
			() => measureAutoConcurrency(emulator),
		],
		[
			"8. 1,000 items, L = 1 s, K = 40, Auto (child process: the node's CPU and memory)",
			() => measureScale(emulator),
		],
		[
			'9. a run that stops: item 0 fails, no Continue On Fail, K = 2, N = 40',
			() => measureStop(emulator),
		],
	];
	const only = process.env.BENCH_ONLY?.split(',').map((entry) => entry.trim());
	const rows: Row[] = [];
	let failures = 0;
	for (const [title, measure] of measurements) {
		// BENCH_ONLY=7,9 runs those sections alone (a partial run, for development).
		if (only && !only.includes(title.split('.')[0])) continue;
		const sectionStarted = performance.now();
		console.log(`\n== ${title}`);
		try {
			const section = await measure();
			printRaw(section.raw);
			rows.push(...section.rows);
		} catch (error) {
			failures++;
			console.log(`  FAILED: ${(error as Error).stack ?? String(error)}`);
			rows.push({
				measure: title,
				value: 'failed',
				baseline: '-',
				ratio: '-',
				target: 'measured',
				ok: false,
			});
		}
		console.log(`  (${seconds(performance.now() - sectionStarted)})`);
	}

	await emulator.stop();
	cleanUpBinaryData();
	shutdownN8nCore();

	const targets = rows.filter((row) => row.ok !== undefined);
	const met = targets.filter((row) => row.ok);
	console.log(`\n${formatTable(rows)}\n`);
	for (const line of rows.map(targetLine)) if (line) console.log(line);
	console.log('');
	console.log(
		'baselines: 1 ideal ceil(N/4)*L at Concurrency 4, then that run; 2 @fal-ai/client subscribe() alone, same mode and load; 3 the item count, then distinct files; 4 and 5 the file size; 6 require("n8n-workflow"); 7 ideal ceil(N/K)*L, then Auto against Concurrency 4 (the old default); 8 ideal, then N=100 in the same run; 9 K, then the requests of the run neither failed, finished nor run after the stop.',
	);
	console.log(
		`targets met: ${met.length} of ${targets.length}${
			met.length < targets.length
				? ` (missed: ${targets
						.filter((row) => !row.ok)
						.map((row) => row.measure)
						.join('; ')})`
				: ''
		}`,
	);
	console.log(`total bench time: ${seconds(performance.now() - started)}`);
	return failures > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
