import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IDataObject, INodeParameters } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, type FalEmulator, startFalEmulator } from '../emulator';
import { makePng } from '../helpers/images';
import { shutdownN8nCore } from '../n8n/credentialTest';
import { runFalNode } from '../n8n/falNode';
import {
	cleanUpBinaryData,
	type RunOptions,
	type TestItem,
	useBinaryDataMode,
} from '../n8n/workflow';

export const RED: [number, number, number] = [200, 30, 30];
const WHITE: [number, number, number] = [255, 255, 255];

/** A red 64×64 PNG, and a mask white in its top-left 32×32 quarter. */
export const SOURCE_PNG = makePng(64, 64, RED);
export const MASK_PNG = makePng(64, 64, [0, 0, 0], {
	x: 0,
	y: 0,
	width: 32,
	height: 32,
	colour: WHITE,
});

export function imageAndMaskItem(extraJson: IDataObject = {}): TestItem {
	return {
		json: extraJson,
		binary: {
			data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'photo.png' },
			mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
		},
	};
}

/** Fast SDXL inpainting at 64×64 PNG (small images keep jest fast), seeded. */
export function inpaintParameters(
	overrides: INodeParameters = {},
	options: INodeParameters = {},
): INodeParameters {
	return {
		model: 'fast-sdxl',
		operation: 'inpaint',
		prompt: 'a tiger on a bench',
		options: {
			image_size: 'custom',
			image_size_width: 64,
			image_size_height: 64,
			format: 'png',
			seed: 42,
			...options,
		},
		...overrides,
	};
}

/**
 * One emulator per test file, reset before each test, with quick queue and
 * inference times; n8n binary data in memory unless a test switches it.
 */
export function useEmulator(): {
	emulator: () => FalEmulator;
	run: (
		options: Omit<RunOptions, 'credentials'> & Partial<Pick<RunOptions, 'credentials'>>,
	) => ReturnType<typeof runFalNode>;
} {
	let emulator: FalEmulator;
	beforeAll(async () => {
		emulator = await startFalEmulator();
	});
	beforeEach(async () => {
		emulator.reset();
		emulator.configure({
			queueTimeMs: 10,
			inferenceTimeMs: 30,
			concurrency: Number.POSITIVE_INFINITY,
			concurrencyByKey: {},
		});
		await useBinaryDataMode('default');
	});
	afterAll(async () => {
		await emulator.stop();
		cleanUpBinaryData();
		shutdownN8nCore();
	});
	return {
		emulator: () => emulator,
		run: (options) =>
			runFalNode({
				credentials: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
				...options,
			}),
	};
}

/** The bytes of an output binary, whichever mode n8n stored them in. */
export async function bytesOf(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
