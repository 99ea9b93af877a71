/**
 * fal storage through the real client: the initiate call via the proxy, the
 * PUT straight to the upload URL it returns, multipart over 90 MB, and the
 * stored file served back at its file URL.
 */
import { createHash } from 'node:crypto';
import { ApiError, type FalClient, oracleClient } from '../helpers/falClient';
import { EMULATOR_FAL_KEY, type FalEmulator, startFalEmulator } from '../emulator';
import { makePng, toBlob } from '../helpers/images';

const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let emulator: FalEmulator;
let fal: FalClient;

beforeAll(async () => {
	emulator = await startFalEmulator();
	fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
});

afterAll(() => emulator.stop());

beforeEach(() => emulator.reset());

it('uploads a small Blob in one PUT and serves the same bytes at the file URL', async () => {
	const png = makePng(40, 30, [10, 200, 90]);
	const url = await fal.storage.upload(toBlob(png, 'image/png'));

	expect(url).toMatch(new RegExp(`^${emulator.url}/files/.+\\.png$`));
	expect(emulator.stats).toMatchObject({ uploads: 1, multipartUploads: 0 });
	expect(emulator.stats.requests).toMatchObject({ uploadInitiate: 1, uploadPut: 1 });
	const served = await fetch(url);
	expect(served.status).toBe(200);
	expect(served.headers.get('content-type')).toBe('image/png');
	expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
	expect(emulator.stats.requests.file).toBe(1);
});

it('keeps the file name and type of a File', async () => {
	const url = await fal.storage.upload(
		new File(['hello, fal'], 'note.txt', { type: 'text/plain' }),
	);
	expect(url).toMatch(/\.txt$/);
	expect(emulator.file(url)).toMatchObject({ fileName: 'note.txt', contentType: 'text/plain' });
	expect(emulator.file(url)!.bytes.toString('utf8')).toBe('hello, fal');
});

it('uploads over 90 MB in 10 MB parts and joins them in order', async () => {
	// 95 MB of a non-repeating pattern, so parts out of order would not hash the same.
	const size = 95 * 1024 * 1024;
	const bytes = Buffer.alloc(size);
	for (let offset = 0; offset < size; offset += 4) bytes.writeUInt32LE(offset / 4, offset);

	const url = await fal.storage.upload(toBlob(bytes, 'application/octet-stream'));

	expect(emulator.stats).toMatchObject({ uploads: 1, multipartUploads: 1 });
	expect(emulator.stats.requests).toMatchObject({
		multipartInitiate: 1,
		multipartPart: 10,
		multipartComplete: 1,
		uploadPut: 0,
	});
	const stored = emulator.file(url)!;
	expect(stored.bytes.length).toBe(size);
	expect(sha256(stored.bytes)).toBe(sha256(bytes));
	const served = Buffer.from(await (await fetch(url)).arrayBuffer());
	expect(sha256(served)).toBe(sha256(bytes));
}, 120_000);

it('answers a part upload that fails once, which the client retries', async () => {
	emulator.configure({ faults: [{ route: 'multipartPart', kind: 'unavailable', calls: [2] }] });
	const size = 91 * 1024 * 1024;
	const bytes = Buffer.alloc(size, 7);
	const url = await fal.storage.upload(toBlob(bytes, 'application/octet-stream'));
	expect(emulator.stats.requests.multipartPart).toBe(11);
	expect(emulator.file(url)!.bytes.length).toBe(size);
}, 120_000);

it("refuses the initiate call for a bad key with fal's 401 body", async () => {
	const stranger = oracleClient({ apiKey: 'nobody:nothing', proxyUrl: emulator.proxyUrl });
	const error = await stranger.storage
		.upload(new Blob(['x'], { type: 'text/plain' }))
		.catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(ApiError);
	expect(error).toMatchObject({
		status: 401,
		body: { detail: 'No user found for Key ID and Secret' },
	});
	expect(emulator.stats.uploads).toBe(0);
});

it("answers the initiate call with fal's shape and 422 without its fields", async () => {
	const initiate = (body: unknown) =>
		fetch(emulator.proxyUrl, {
			method: 'POST',
			headers: {
				authorization: `Key ${EMULATOR_FAL_KEY}`,
				'content-type': 'application/json',
				'x-fal-target-url': 'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3',
			},
			body: JSON.stringify(body),
		});
	const ok = await initiate({ content_type: 'text/plain', file_name: 'check.txt' });
	expect(ok.status).toBe(200);
	expect(ok.headers.get('content-type')).toBe('application/json');
	expect(Object.keys(await ok.json()).sort()).toEqual(['file_url', 'upload_url']);
	const missing = await initiate({});
	expect(missing.status).toBe(422);
	expect((await missing.json()).detail.map((error: { loc: string[] }) => error.loc)).toEqual([
		['body', 'content_type'],
		['body', 'file_name'],
	]);
});

it('answers 404 for a file it does not have', async () => {
	expect((await fetch(`${emulator.url}/files/nothing/here.png`)).status).toBe(404);
});
