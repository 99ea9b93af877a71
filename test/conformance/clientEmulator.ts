/**
 * The emulator most conformance test files run against, one per file, and
 * the real @fal-ai/client through it as a fal proxy (test/helpers/falClient.ts).
 * Each family's setup module (queueSetup.ts, platformSetup.ts, …) starts it
 * with its own settings and passes these bindings on. Jest loads this module
 * afresh for each test file, so they are that file's own.
 */
import {
	EMULATOR_FAL_KEY,
	type FalEmulator,
	type FalEmulatorOptions,
	startFalEmulator,
} from '../emulator';
import { type FalClient, oracleClient } from '../helpers/falClient';

export let emulator: FalEmulator;
export let fal: FalClient;

/** Starts the emulator with `options` before the file's tests, and stops it after them. */
export function useClientEmulator(options?: FalEmulatorOptions): void {
	beforeAll(async () => {
		emulator = await startFalEmulator(options);
		fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
	});

	afterAll(() => emulator.stop());
}
