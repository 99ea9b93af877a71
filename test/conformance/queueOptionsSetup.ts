/**
 * What the queue-option conformance tests share (queueOptionsConcurrency,
 * queueOptionsHeaders): the emulator, knowing a second key, and the real
 * @fal-ai/client through it (clientEmulator.ts), reset before each test with
 * no concurrency limit; a small quick flux/dev input, and waiting on jobs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EMULATOR_FAL_KEY, type Job } from '../emulator';
import type { FalClient } from '../helpers/falClient';
import { emulator, useClientEmulator } from './clientEmulator';

export { emulator, fal } from './clientEmulator';

export const FLUX: string = 'fal-ai/flux/dev';
export const SECOND_KEY = 'second-key-id:second-key-secret';

/** A small, quick flux/dev input. */
export const small = (prompt: string) => ({
	prompt,
	image_size: { width: 32, height: 32 },
	output_format: 'png',
});

export const job = (requestId: string): Job => emulator.job(requestId)!;

export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(5);
	}
}

export async function finish(client: FalClient, requestId: string): Promise<void> {
	await client.queue.subscribeToStatus(FLUX, { requestId, pollInterval: 20 });
}

/** Before each test: the emulator reset, quick queue and inference times, no concurrency limit. */
export function useQueueOptionsEmulator(): void {
	useClientEmulator({ keys: [EMULATOR_FAL_KEY, SECOND_KEY] });
	beforeEach(() => {
		emulator.reset();
		emulator.configure({
			queueTimeMs: 20,
			inferenceTimeMs: 50,
			concurrency: Number.POSITIVE_INFINITY,
			concurrencyByKey: {},
		});
	});
}
