/**
 * fal's Platform API keys (fal-platform.md): the routes that take an admin
 * key only, 401 and 403 on every route but the catalogue, an admin key
 * wherever a normal one goes; and deleting a request's payloads, an admin
 * route, with its Idempotency-Key.
 */
import { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY, EMULATOR_LOCKED_FAL_KEY } from '../emulator';
import { makePng, toBlob } from '../helpers/images';
import { type PlatformErrorBody, runToResult } from '../helpers/platform';
import {
	admin,
	call,
	emulator,
	fal,
	FLUX,
	type RequestItem,
	usePlatformEmulator,
} from './platformSetup';

const NEEDS_ADMIN =
	'This endpoint requires an ADMIN API key. Create one in fal.ai → Dashboard → Keys (scope: Admin).';

usePlatformEmulator();

describe('keys', () => {
	beforeEach(() => emulator.reset());

	const ADMIN_ROUTES: Array<[string, string, 'GET' | 'DELETE']> = [
		['usage', '/models/usage', 'GET'],
		['billing', '/account/billing?expand=credits', 'GET'],
		[
			'payload deletion',
			'/models/requests/00000000-0000-0000-0000-000000000000/payloads',
			'DELETE',
		],
	];

	it.each(ADMIN_ROUTES)(
		'%s answers a normal key 403 in the platform shape, and takes an admin key',
		async (_, path, method) => {
			const refused = await call<PlatformErrorBody>(path, EMULATOR_FAL_KEY, { method });
			expect(refused.status).toBe(403);
			expect(refused.headers.get('content-type')).toBe('application/json');
			expect(refused.body).toEqual({
				error: { type: 'authorization_error', message: NEEDS_ADMIN },
			});
			// Past the key check: payload deletion then finds no such request.
			const allowed = await call(path, EMULATOR_ADMIN_FAL_KEY, { method });
			expect(allowed.status).toBe(method === 'DELETE' ? 404 : 200);
		},
	);

	it('answers 401 without a key or with an unknown one, 403 for a locked account, on every route but the catalogue', async () => {
		const paths = [
			'/models/pricing?endpoint_id=fal-ai/flux/dev',
			'/models/usage',
			'/models/analytics?endpoint_id=fal-ai/flux/dev',
			'/models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev',
			'/account/billing',
			'/workflows',
			'/workflows/emulator/sticker-maker',
		];
		for (const path of paths) {
			for (const [key, status] of [
				[null, 401],
				['nobody:nothing', 401],
				[EMULATOR_LOCKED_FAL_KEY, 403],
			] as const) {
				const answer = await call<PlatformErrorBody>(path, key);
				expect([path, answer.status]).toEqual([path, status]);
				expect(answer.body.error.type).toBe('authorization_error');
				expect(typeof answer.body.error.message).toBe('string');
			}
		}
		const estimate = await call<PlatformErrorBody>('/models/pricing/estimate', null, {
			method: 'POST',
			body: {},
		});
		expect(estimate.status).toBe(401);
		expect(emulator.stats.authFailures).toBe(paths.length * 3 + 1);
		// The catalogue still needs none.
		expect((await call('/models?limit=1', null)).status).toBe(200);
	});

	it('takes an admin key everywhere a normal one goes: the queue, storage, the other Platform routes', async () => {
		const imageUrl = await admin.storage.upload(toBlob(makePng(8, 8, [1, 2, 3]), 'image/png'));
		const { output } = await runToResult(admin, 'fal-ai/imageutils/rembg', { image_url: imageUrl });
		expect(output).toMatchObject({ image: { width: 8, height: 8 } });
		expect(emulator.jobs()[0].apiKey).toBe(EMULATOR_ADMIN_FAL_KEY);
		for (const path of [
			'/models/pricing?endpoint_id=fal-ai/flux/dev',
			'/workflows',
			'/models/analytics?endpoint_id=fal-ai/flux/dev',
		]) {
			expect((await call(path, EMULATOR_ADMIN_FAL_KEY)).status).toBe(200);
		}
		expect(emulator.stats.authFailures).toBe(0);
	});
});

describe('DELETE /models/requests/{request_id}/payloads', () => {
	beforeEach(() => emulator.reset());

	it('deletes the output files (not the inputs) and the payloads; again with the same Idempotency-Key answers the same', async () => {
		const inputUrl = await fal.storage.upload(toBlob(makePng(8, 8, [5, 6, 7]), 'image/png'));
		const { requestId, output } = await runToResult(fal, 'fal-ai/imageutils/rembg', {
			image_url: inputUrl,
		});
		const imageUrl = (output as { image: { url: string } }).image.url;
		const flux = await runToResult(fal, FLUX, {
			prompt: 'two',
			image_size: 'square',
			num_images: 2,
		});
		expect((await fetch(imageUrl)).status).toBe(200);

		const path = `/models/requests/${requestId}/payloads`;
		const first = await call(path, EMULATOR_ADMIN_FAL_KEY, {
			method: 'DELETE',
			headers: { 'Idempotency-Key': 'delete-1' },
		});
		expect(first.status).toBe(200);
		expect(first.body).toEqual({ cdn_delete_results: [{ link: imageUrl, exception: null }] });
		expect((await fetch(imageUrl)).status).toBe(404);
		expect(emulator.file(imageUrl)).toBeUndefined();
		expect((await fetch(inputUrl)).status).toBe(200);
		// The other job's files stay.
		for (const image of (flux.output as { images: Array<{ url: string }> }).images)
			expect((await fetch(image.url)).status).toBe(200);

		const again = await call(path, EMULATOR_ADMIN_FAL_KEY, {
			method: 'DELETE',
			headers: { 'Idempotency-Key': 'delete-1' },
		});
		expect(again).toMatchObject({ status: 200, body: first.body });
		const keyless = await call(path, EMULATOR_ADMIN_FAL_KEY, { method: 'DELETE' });
		expect(keyless).toMatchObject({ status: 200, body: { cdn_delete_results: [] } });

		const { body } = await call<{ items: RequestItem[] }>(
			`/models/requests/by-endpoint?endpoint_id=fal-ai/imageutils/rembg&expand=payloads`,
		);
		expect(body.items).toHaveLength(1);
		expect(body.items[0]).not.toHaveProperty('json_input');
		expect(body.items[0]).not.toHaveProperty('json_output');
		expect(emulator.stats.requests.deletePayloads).toBe(3);
	});

	it('answers 404 not_found for an unknown request', async () => {
		const answer = await call<PlatformErrorBody>(
			'/models/requests/no-such-request/payloads',
			EMULATOR_ADMIN_FAL_KEY,
			{ method: 'DELETE' },
		);
		expect(answer.status).toBe(404);
		expect(answer.body.error.type).toBe('not_found');
	});
});
