/**
 * What a correct run of an example must have produced, for the checks of
 * examples/ (examplesExecuted.ts, examplesServed.ts): the fal.ai node's run,
 * the emulator's job behind an output, and the picture the emulator's model
 * makes from that job's inputs, compared with the one n8n returned.
 */
import {
	decodeImage,
	expectedFillColour,
	findEmulatedEndpoint,
	type Job,
	type RgbaImage,
} from '../emulator';
import { generate } from '../emulator/images';
import { valueOrDefault } from '../emulator/validate';
import { emulator, n8n } from './examplesSetup';
import type { ExecuteResult } from './n8nCli';
import type { BinaryRef, RunTask } from './n8nRest';

export function falRun(result: ExecuteResult, node = 'fal.ai'): RunTask {
	const task = result.execution?.data.resultData.runData[node]?.[0];
	if (!task) {
		// Which nodes ran, and how: the run data itself is too long to print whole.
		const runData = result.execution?.data.resultData.runData ?? {};
		const ran = Object.entries(runData).map(
			([name, runs]) =>
				`${name}: ${runs.map((run) => `${run.executionStatus ?? '?'} ${run.data?.main.map((items) => items?.length ?? 0).join('/') ?? '-'} items${run.error ? ` (${run.error.message})` : ''}`).join('; ')}`,
		);
		throw new Error(
			`no run of "${node}" (exit ${result.code}); ran: ${ran.join(' | ') || 'nothing'}; error: ${result.execution?.data.resultData.error?.message ?? '-'}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
		);
	}
	return task;
}

export function jobOf(requestId: unknown): Job {
	const job = emulator.job(String(requestId));
	if (!job) throw new Error(`the emulator has no job ${String(requestId)}`);
	return job;
}

/** Mean absolute difference per channel (JPEG output is close, not equal). */
export function meanDifference(actual: RgbaImage, expected: RgbaImage): number {
	expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
	let total = 0;
	for (let offset = 0; offset < actual.data.length; offset += 4) {
		for (let channel = 0; channel < 3; channel++)
			total += Math.abs(actual.data[offset + channel] - expected.data[offset + channel]);
	}
	return total / ((actual.data.length / 4) * 3);
}

/** What the emulator's model makes from a job's inputs: the picture a correct run must return. */
export function expectedImage(
	job: Job,
	seed: number,
	inputs: { image: Buffer; mask?: Buffer },
	size: { width: number; height: number },
	index = 0,
): RgbaImage {
	const { document } = findEmulatedEndpoint(job.endpointId)!;
	return generate({
		source: decodeImage(inputs.image),
		mask: inputs.mask ? decodeImage(inputs.mask) : undefined,
		...size,
		colour: expectedFillColour(String(job.input.prompt), seed, index),
		strength: valueOrDefault<number>(document, job.input, 'strength') ?? 0.95,
	});
}

/** Checks one output item: its image binary is the picture the job's inputs make. */
export function expectImageFrom(
	item: { json: Record<string, unknown>; binary?: Record<string, BinaryRef> },
	inputs: { image: Buffer; mask?: Buffer },
): Job {
	const job = jobOf(item.json.requestId);
	const [image] = item.json.images as Array<{
		width: number;
		height: number;
		binaryProperty: string;
	}>;
	expect(image.binaryProperty).toBe('image');
	const binary = item.binary?.image;
	expect(binary?.mimeType).toMatch(/^image\//);
	const actual = decodeImage(n8n.binaryBytes(binary!));
	const expected = expectedImage(job, item.json.seed as number, inputs, image);
	expect(meanDifference(actual, expected)).toBeLessThan(4);
	return job;
}
