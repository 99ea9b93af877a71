/**
 * The key the node sends: the credential's, trimmed, added by the credential's
 * `authenticate` alone; never FAL_KEY from the environment; two credentials in
 * one process kept apart.
 */
import { EMULATOR_FAL_KEY } from '../emulator';
import { SOURCE_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const upload = { resource: 'file', operation: 'upload', binaryPropertyName: 'data' };
const fileItem = {
	binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png', fileName: 'photo.png' } },
};

test("sends the credential's key, trimmed, through the trimmed Proxy URL, ignoring FAL_KEY", async () => {
	const previous = process.env.FAL_KEY;
	process.env.FAL_KEY = 'environment-id:environment-secret';
	emulator().configure({ capture: true });
	try {
		const { items, error } = await run({
			credentials: { apiKey: `  ${EMULATOR_FAL_KEY}\n`, proxyUrl: ` ${emulator().proxyUrl} ` },
			parameters: upload,
			items: [fileItem],
		});
		expect(error).toBeUndefined();
		expect(items[0].json.url).toMatch(/^http:\/\/127\.0\.0\.1/);
	} finally {
		if (previous === undefined) delete process.env.FAL_KEY;
		else process.env.FAL_KEY = previous;
	}
	const initiate = emulator().captured.find((request) => request.route === 'uploadInitiate');
	expect(initiate?.headers.authorization).toBe(`Key ${EMULATOR_FAL_KEY}`);
	expect(emulator().stats.authFailures).toBe(0);
});

test('keeps two credentials apart in one process', async () => {
	const [good, bad] = await Promise.all([
		run({ parameters: upload, items: [fileItem] }),
		run({
			credentials: { apiKey: 'other:key', proxyUrl: emulator().proxyUrl },
			parameters: upload,
			items: [fileItem],
		}),
	]);
	expect(good.error).toBeUndefined();
	expect(good.items[0].json.url).toMatch(/^http:\/\/127\.0\.0\.1/);
	expect(bad.error?.message).toBe('fal rejected the API key (401)');
	expect(emulator().stats.uploads).toBe(1);
});
