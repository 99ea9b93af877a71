/**
 * What the workflow conformance tests share (workflowsPlatform,
 * workflowsQueue): the emulator with quick queue and inference times and the
 * real @fal-ai/client through it (clientEmulator.ts), the emulator reset
 * before each test.
 */
import { emulator, useClientEmulator } from './clientEmulator';

export { emulator, fal } from './clientEmulator';

export function useWorkflowsEmulator(): void {
	useClientEmulator({ queueTimeMs: 20, inferenceTimeMs: 50 });
	beforeEach(() => {
		emulator.reset();
		emulator.configure({ queueTimeMs: 20, inferenceTimeMs: 50 });
	});
}
