/**
 * What the queue conformance tests share (queueSubmit, queueStatus and
 * queueResult): the emulator and the real @fal-ai/client through it
 * (clientEmulator.ts), a red image and a mask uploaded to its storage, and
 * the usual inpainting input. Jest loads this module afresh for each test
 * file, so `imageUrl` and `maskUrl` are that file's own, set by
 * useQueueEmulator's beforeAll.
 */
import { type FalClient, oracleClient } from '../helpers/falClient';
import { makePng, toBlob } from '../helpers/images';
import { emulator, fal, useClientEmulator } from './clientEmulator';

export { emulator, fal } from './clientEmulator';

// Typed as string: the client's endpoint map would otherwise reject the deliberately wrong inputs below.
export const INPAINT: string = 'fal-ai/fast-sdxl/inpainting';
export const RED: [number, number, number] = [200, 30, 30];

export let imageUrl: string;
export let maskUrl: string;

export function clientWithKey(apiKey: string): FalClient {
	return oracleClient({ apiKey, proxyUrl: emulator.proxyUrl });
}

export function inpaintInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		image_url: imageUrl,
		mask_url: maskUrl,
		prompt: 'a tiger on a bench',
		image_size: 'square',
		format: 'png',
		seed: 42,
		...overrides,
	};
}

export async function runToCompletion(input: Record<string, unknown>, endpointId = INPAINT) {
	const { request_id: requestId } = await fal.queue.submit(endpointId, { input });
	await fal.queue.subscribeToStatus(endpointId, { requestId, pollInterval: 20 });
	return { requestId, result: () => fal.queue.result(endpointId, { requestId }) };
}

/** One emulator for the test file; quick queue and inference times and no faults before each test. */
export function useQueueEmulator(): void {
	useClientEmulator();
	beforeAll(async () => {
		// A red 64×64 image; the mask is white in its top-left 32×32 quarter.
		imageUrl = await fal.storage.upload(toBlob(makePng(64, 64, RED), 'image/png'));
		maskUrl = await fal.storage.upload(
			toBlob(
				makePng(64, 64, [0, 0, 0], { x: 0, y: 0, width: 32, height: 32, colour: [255, 255, 255] }),
				'image/png',
			),
		);
	});

	beforeEach(() => emulator.configure({ queueTimeMs: 20, inferenceTimeMs: 50, faults: [] }));
}
