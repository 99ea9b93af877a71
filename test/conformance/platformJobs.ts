/**
 * The jobs the Platform API report tests (platformUsage, platformAnalytics)
 * read back: run once per test file through the real @fal-ai/client, on
 * every kind of unit, with a 422 and a failed job among them, and the total
 * they cost recomputed from the price table. Jest loads this module afresh for
 * each test file, so `ran` and `total` are that file's own, set by
 * useRanJobs's beforeAll.
 */
import type { Job } from '../emulator';
import type { FalClient } from '../helpers/falClient';
import { makePng, toBlob } from '../helpers/images';
import { runToResult } from '../helpers/platform';
import { admin, emulator, fal, FLUX } from './platformSetup';

export interface Line {
	endpoint_id: string;
	unit: string;
	quantity: number;
	unit_price: number;
	cost_total: number;
	currency: string;
	auth_method?: string;
}

export const HOUR = 3_600_000;

export const LONG_PROMPT = 'The quick brown fox jumps over the lazy dog. '.repeat(5).trim();

export const ran: Record<
	string,
	{ requestId: string; input: Record<string, unknown>; output: unknown }
> = {};
export let total = 0;

async function record(
	name: string,
	client: FalClient,
	endpointId: string,
	input: Record<string, unknown>,
) {
	ran[name] = { ...(await runToResult(client, endpointId, input)), input };
}

export const job = (name: string): Job => emulator.job(ran[name].requestId)!;

/** Runs the jobs before the tests of the describe block it is called in. */
export function useRanJobs(): void {
	beforeAll(async () => {
		emulator.reset();
		const imageUrl = await fal.storage.upload(toBlob(makePng(16, 16, [10, 200, 30]), 'image/png'));
		await Promise.all([
			record('square', fal, FLUX, { prompt: 'a lighthouse', image_size: 'square', num_images: 2 }),
			record('wide', fal, FLUX, { prompt: 'a harbour', image_size: { width: 1000, height: 500 } }),
			record('invalid', fal, FLUX, { prompt: 'too many', num_images: 9 }),
			record('speech', fal, 'fal-ai/kokoro/american-english', { prompt: LONG_PROMPT }),
			record('video', fal, 'fal-ai/kling-video/v2.1/standard/image-to-video', {
				prompt: 'waves',
				image_url: imageUrl,
				duration: '10',
			}),
			record('cutout', admin, 'fal-ai/imageutils/rembg', { image_url: imageUrl }),
			record('archive', fal, 'fal-ai/image-archive', { image_urls: [imageUrl] }),
		]);
		emulator.configure({
			faults: [{ route: 'submit', kind: 'fail-job', calls: [emulator.stats.requests.submit + 1] }],
		});
		await record('failed', fal, FLUX, { prompt: 'a runner that stops' });
		emulator.configure({ faults: [] });
		const archive = job('archive');
		total =
			0.0131072 +
			0.0125 +
			(LONG_PROMPT.length / 1000) * 0.02 +
			10 * 0.05 +
			0.001 +
			((archive.completedAt! - archive.startedAt!) / 1000) * 0.00111;
	});
}
