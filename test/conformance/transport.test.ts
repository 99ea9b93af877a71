/** The transport module: one client per credential, never the environment's key. */
import { createFalClientFromCredentials } from '../../nodes/Fal/transport/falClient';
import { EMULATOR_FAL_KEY, type FalEmulator, startFalEmulator } from '../emulator';

let emulator: FalEmulator;

beforeAll(async () => {
	emulator = await startFalEmulator();
});

afterAll(() => emulator.stop());

it('sends every request through the proxy with the credential\'s key, ignoring FAL_KEY', async () => {
	const previous = process.env.FAL_KEY;
	process.env.FAL_KEY = 'environment-id:environment-secret';
	try {
		const fal = createFalClientFromCredentials({ apiKey: `  ${EMULATOR_FAL_KEY}\n`, proxyUrl: ` ${emulator.proxyUrl} ` });
		const endpoint: string = 'fal-ai/hyper-sdxl/inpainting';
		const { request_id: requestId } = await fal.queue.submit(endpoint, { input: { prompt: 'x' } });
		expect(emulator.job(requestId)!.headers.authorization).toBe(`Key ${EMULATOR_FAL_KEY}`);
		expect(emulator.stats.authFailures).toBe(0);
	} finally {
		if (previous === undefined) delete process.env.FAL_KEY;
		else process.env.FAL_KEY = previous;
	}
});

it('keeps two credentials apart in one process', async () => {
	const good = createFalClientFromCredentials({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
	const bad = createFalClientFromCredentials({ apiKey: 'other:key', proxyUrl: emulator.proxyUrl });
	await expect(bad.storage.upload(new Blob(['a']))).rejects.toMatchObject({ status: 401 });
	await expect(good.storage.upload(new Blob(['a']))).resolves.toMatch(/^http:\/\/127\.0\.0\.1/);
});
