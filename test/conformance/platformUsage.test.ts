/**
 * fal's Platform API reports on jobs this test really ran through the real
 * @fal-ai/client (platformJobs.ts): usage (`GET /models/usage`), billing
 * (`GET /account/billing`) and estimates from history. Each figure is
 * recomputed from the jobs and the price table.
 */
import { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY } from '../emulator';
import { allPages } from '../helpers/platform';
import { HOUR, job, type Line, LONG_PROMPT, ran, total, useRanJobs } from './platformJobs';
import { call, emulator, FLUX, usePlatformEmulator } from './platformSetup';

usePlatformEmulator();

describe('from the jobs the emulator ran', () => {
	useRanJobs();

	it('ran them as the test meant', () => {
		expect(ran.square.output).toMatchObject({
			images: [
				{ width: 512, height: 512 },
				{ width: 512, height: 512 },
			],
		});
		expect(ran.invalid.output).toMatchObject({ detail: [{ loc: ['body', 'num_images'] }] });
		expect(ran.failed.output).toMatchObject({ error_type: 'runner_disconnected' });
		expect(job('failed').outcome!.status).toBe(500);
	});

	it('usage: a summary line per endpoint and unit, quantities measured from each job', async () => {
		const { status, body } = await call<{
			summary: Line[];
			time_series?: unknown;
			next_cursor: null;
			has_more: boolean;
		}>('/models/usage', EMULATOR_ADMIN_FAL_KEY);
		expect(status).toBe(200);
		expect(body.time_series).toBeUndefined();
		expect(body).toMatchObject({ next_cursor: null, has_more: false });
		const lines = Object.fromEntries(body.summary.map((line) => [line.endpoint_id, line]));
		expect(Object.keys(lines).sort()).toEqual([
			FLUX,
			'fal-ai/image-archive',
			'fal-ai/imageutils/rembg',
			'fal-ai/kling-video/v2.1/standard/image-to-video',
			'fal-ai/kokoro/american-english',
		]);
		// 2 × 512×512 + 1000×500 pixels; the 422 and the failed job cost nothing.
		expect(lines[FLUX]).toEqual({
			endpoint_id: FLUX,
			unit: 'megapixels',
			quantity: 1.024288,
			unit_price: 0.025,
			cost_total: 0.0256072,
			currency: 'USD',
		});
		expect(lines['fal-ai/kokoro/american-english']).toMatchObject({
			unit: '1000 characters',
			quantity: LONG_PROMPT.length / 1000,
		});
		expect(lines['fal-ai/kling-video/v2.1/standard/image-to-video']).toMatchObject({
			unit: 'second',
			quantity: 10,
			cost_total: 0.5,
		});
		expect(lines['fal-ai/imageutils/rembg']).toMatchObject({
			unit: 'image',
			quantity: 1,
			cost_total: 0.001,
		});
		const archive = job('archive');
		expect(lines['fal-ai/image-archive'].quantity).toBeCloseTo(
			(archive.completedAt! - archive.startedAt!) / 1000,
			6,
		);
		expect(body.summary.reduce((sum, line) => sum + line.cost_total, 0)).toBeCloseTo(total, 9);
	});

	it('usage: by key with auth_method, filtered by endpoint_id (full id or owner/alias)', async () => {
		const { body } = await call<{ summary: Line[] }>(
			'/models/usage?expand=summary,auth_method',
			EMULATOR_ADMIN_FAL_KEY,
		);
		expect(
			body.summary.find((line) => line.endpoint_id === 'fal-ai/imageutils/rembg')!.auth_method,
		).toBe('api_key:admin-key-id');
		expect(body.summary.find((line) => line.endpoint_id === FLUX)!.auth_method).toBe(
			'api_key:emulator-key-id',
		);
		for (const filter of [
			'endpoint_id=fal-ai/flux/dev',
			'endpoint_id=fal-ai/flux',
			'endpoint_id=fal-ai/flux&endpoint_id=fal-ai/no-such',
		]) {
			const filtered = await call<{ summary: Line[] }>(
				`/models/usage?${filter}`,
				EMULATOR_ADMIN_FAL_KEY,
			);
			expect(filtered.body.summary.map((line) => line.endpoint_id)).toEqual([FLUX]);
		}
	});

	it('usage: time series in buckets of the timeframe, in the time zone, paged by bucket, within start and end', async () => {
		const wide = job('wide');
		const speech = job('speech');
		const saved = [wide.completedAt!, speech.completedAt!];
		// Dated earlier: two hours ago (another bucket), thirty hours ago (outside the default window).
		wide.completedAt! -= 2 * HOUR;
		speech.completedAt! -= 30 * HOUR;
		try {
			const path =
				'/models/usage?expand=time_series&expand=summary&timeframe=hour&timezone=Asia/Kolkata';
			const { records, pages } = await allPages(
				emulator.proxyUrl,
				path,
				(page) => page.time_series as Array<{ bucket: string; results: Line[] }>,
				1,
				EMULATOR_ADMIN_FAL_KEY,
			);
			expect(pages).toBe(2);
			expect(records.map((bucket) => bucket.bucket)).toEqual(
				records.map((bucket) => bucket.bucket).sort(),
			);
			for (const bucket of records)
				expect(bucket.bucket).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\+05:30$/);
			expect(records[0].results).toEqual([
				expect.objectContaining({ endpoint_id: FLUX, quantity: 0.5 }),
			]);
			expect(records[1].results.map((line) => line.endpoint_id)).not.toContain(
				'fal-ai/kokoro/american-english',
			);

			const first = await call<{ summary: Line[] }>(`${path}&limit=1`, EMULATOR_ADMIN_FAL_KEY);
			expect(first.body.summary.map((line) => line.endpoint_id)).not.toContain(
				'fal-ai/kokoro/american-english',
			);

			const days = await call<{ time_series: Array<{ bucket: string; results: Line[] }> }>(
				`/models/usage?expand=time_series&timeframe=day&start=${new Date(Date.now() - 3 * 24 * HOUR).toISOString()}`,
				EMULATOR_ADMIN_FAL_KEY,
			);
			for (const bucket of days.body.time_series)
				expect(bucket.bucket).toMatch(/T00:00:00\+00:00$/);
			expect(
				days.body.time_series.flatMap((bucket) => bucket.results.map((line) => line.endpoint_id)),
			).toContain('fal-ai/kokoro/american-english');
		} finally {
			[wide.completedAt, speech.completedAt] = saved;
		}
	});

	it('billing: the balance less the cost of every finished job', async () => {
		const { status, body } = await call('/account/billing?expand=credits', EMULATOR_ADMIN_FAL_KEY);
		expect(status).toBe(200);
		expect(body).toEqual({
			username: 'emulator-user',
			credits: { current_balance: expect.any(Number), currency: 'USD' },
		});
		expect((body.credits as { current_balance: number }).current_balance).toBeCloseTo(
			100 - total,
			9,
		);
		emulator.configure({ balanceUsd: 5 });
		try {
			const lower = await call<{ credits: { current_balance: number } }>(
				'/account/billing?expand=credits',
				EMULATOR_ADMIN_FAL_KEY,
			);
			expect(lower.body.credits.current_balance).toBeCloseTo(5 - total, 9);
		} finally {
			emulator.configure({ balanceUsd: 100 });
		}
		expect((await call('/account/billing', EMULATOR_ADMIN_FAL_KEY)).body).toEqual({
			username: 'emulator-user',
		});
	});

	it('estimates from history: the average cost of a call so far, or a typical call without history', async () => {
		const estimate = (endpointId: string) =>
			call<{ total_cost: number }>('/models/pricing/estimate', EMULATOR_FAL_KEY, {
				method: 'POST',
				body: {
					estimate_type: 'historical_api_price',
					endpoints: { [endpointId]: { call_quantity: 10 } },
				},
			});
		const flux = await estimate(FLUX);
		expect(flux.body).toEqual({
			estimate_type: 'historical_api_price',
			total_cost: expect.any(Number),
			currency: 'USD',
		});
		expect(flux.body.total_cost).toBeCloseTo(((0.0131072 + 0.0125) / 2) * 10, 9);
		// No history: unit price × a typical call (one image).
		expect((await estimate('fal-ai/hyper-sdxl/inpainting')).body.total_cost).toBeCloseTo(
			0.002 * 10,
			9,
		);
		const unknown = await estimate('fal-ai/no-such');
		expect(unknown.status).toBe(404);
	});
});
