/**
 * fal's Platform API reports, from jobs this test really ran through the real
 * @fal-ai/client: usage (`GET /models/usage`), analytics
 * (`GET /models/analytics`), the request history
 * (`GET /models/requests/by-endpoint`), billing (`GET /account/billing`) and
 * estimates from history. Each figure is recomputed from the jobs and the
 * price table.
 */
import {
	EMULATOR_ADMIN_FAL_KEY,
	EMULATOR_FAL_KEY,
	type FalEmulator,
	type Job,
	startFalEmulator,
} from '../emulator';
import { type FalClient, oracleClient } from '../helpers/falClient';
import { makePng, toBlob } from '../helpers/images';
import { allPages, platform, type PlatformErrorBody, runToResult } from '../helpers/platform';

interface Line {
	endpoint_id: string;
	unit: string;
	quantity: number;
	unit_price: number;
	cost_total: number;
	currency: string;
	auth_method?: string;
}

interface RequestItem {
	request_id: string;
	endpoint_id: string;
	started_at: string;
	sent_at: string;
	ended_at: string;
	status_code: number;
	duration: number;
	json_input?: unknown;
	json_output?: unknown;
}

const FLUX: string = 'fal-ai/flux/dev';
const HOUR = 3_600_000;

let emulator: FalEmulator;
let fal: FalClient;
let admin: FalClient;

const call = <T = Record<string, unknown>>(
	path: string,
	key = EMULATOR_FAL_KEY,
	init: Omit<Parameters<typeof platform>[2], 'key'> = {},
) => platform<T>(emulator.proxyUrl, path, { ...init, key });

beforeAll(async () => {
	emulator = await startFalEmulator({ queueTimeMs: 10, inferenceTimeMs: 20 });
	fal = oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl });
	admin = oracleClient({ apiKey: EMULATOR_ADMIN_FAL_KEY, proxyUrl: emulator.proxyUrl });
});

afterAll(() => emulator.stop());

describe('from the jobs the emulator ran', () => {
	const LONG_PROMPT = 'The quick brown fox jumps over the lazy dog. '.repeat(5).trim();
	const ran: Record<
		string,
		{ requestId: string; input: Record<string, unknown>; output: unknown }
	> = {};
	let total = 0;

	async function record(
		name: string,
		client: FalClient,
		endpointId: string,
		input: Record<string, unknown>,
	) {
		ran[name] = { ...(await runToResult(client, endpointId, input)), input };
	}

	const job = (name: string): Job => emulator.job(ran[name].requestId)!;

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

	it('analytics: counts by outcome and durations, per asked endpoint', async () => {
		const { status, body } = await call<{ summary: Array<Record<string, number | string | null>> }>(
			'/models/analytics?endpoint_id=fal-ai/flux/dev&endpoint_id=fal-ai/hyper-sdxl/inpainting',
		);
		expect(status).toBe(200);
		const [flux, idle] = body.summary;
		expect(flux).toMatchObject({
			endpoint_id: FLUX,
			request_count: 4,
			success_count: 2,
			user_error_count: 1,
			error_count: 1,
			cold_boot_count: 0,
		});
		const fluxJobs = ['square', 'wide', 'invalid', 'failed'].map(job);
		const durations = fluxJobs
			.map((each) => (each.completedAt! - each.startedAt!) / 1000)
			.sort((a, b) => a - b);
		expect(flux.p50_duration).toBe(durations[1]);
		expect(flux.p90_duration).toBe(durations[3]);
		expect(flux.p50_prepare_duration).toBeGreaterThanOrEqual(0.01);
		expect(flux.total_billable_duration).toBeCloseTo(
			['square', 'wide']
				.map(job)
				.reduce((sum, each) => sum + (each.completedAt! - each.startedAt!) / 1000, 0),
			6,
		);
		expect(idle).toMatchObject({
			endpoint_id: 'fal-ai/hyper-sdxl/inpainting',
			request_count: 0,
			p50_duration: null,
		});
	});

	it('analytics: only the metrics asked for, as a time series too; endpoint_id required', async () => {
		const { body } = await call<{
			summary: unknown[];
			time_series: Array<{ bucket: string; results: unknown[] }>;
		}>(
			'/models/analytics?endpoint_id=fal-ai/flux&expand=time_series,summary,request_count,error_count',
		);
		expect(body.summary).toEqual([
			{ endpoint_id: 'fal-ai/flux', request_count: 4, error_count: 1 },
		]);
		const rows = body.time_series.flatMap(
			(bucket) =>
				bucket.results as Array<{
					endpoint_id: string;
					request_count: number;
					error_count: number;
				}>,
		);
		expect(
			rows.every((row) => Object.keys(row).join() === 'endpoint_id,request_count,error_count'),
		).toBe(true);
		expect(rows.reduce((sum, row) => sum + row.request_count, 0)).toBe(4);
		for (const path of [
			'/models/analytics',
			'/models/analytics?endpoint_id=fal-ai/flux/dev&expand=loudness',
		]) {
			const refused = await call<PlatformErrorBody>(path);
			expect(refused.status).toBe(400);
			expect(refused.body.error.type).toBe('validation_error');
		}
	});

	it('request history: the finished jobs of an endpoint, newest first, with their payloads when asked', async () => {
		const { body } = await call<{ items: RequestItem[] }>(
			'/models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev&expand=payloads',
		);
		expect(body.items.map((item) => item.request_id).sort()).toEqual(
			['square', 'wide', 'invalid', 'failed'].map((name) => ran[name].requestId).sort(),
		);
		const ended = body.items.map((item) => Date.parse(item.ended_at));
		expect(ended).toEqual([...ended].sort((a, b) => b - a));
		const square = body.items.find((item) => item.request_id === ran.square.requestId)!;
		const squareJob = job('square');
		expect(square).toEqual({
			request_id: ran.square.requestId,
			endpoint_id: FLUX,
			started_at: new Date(squareJob.startedAt!).toISOString(),
			sent_at: new Date(squareJob.submittedAt).toISOString(),
			ended_at: new Date(squareJob.completedAt!).toISOString(),
			status_code: 200,
			duration: (squareJob.completedAt! - squareJob.startedAt!) / 1000,
			json_input: ran.square.input,
			json_output: ran.square.output,
		});
		const bare = await call<{ items: RequestItem[] }>(
			'/models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev',
		);
		expect(
			bare.body.items.every((item) => !('json_input' in item) && !('json_output' in item)),
		).toBe(true);
	});

	it('request history: by status, by request id, by duration, owner/alias, in pages', async () => {
		const ids = async (query: string) =>
			(
				await call<{ items: RequestItem[] }>(`/models/requests/by-endpoint?${query}`)
			).body.items.map((item) => item.request_id);
		expect(await ids('endpoint_id=fal-ai/flux/dev&status=user_error')).toEqual([
			ran.invalid.requestId,
		]);
		expect(await ids('endpoint_id=fal-ai/flux/dev&status=error')).toEqual([ran.failed.requestId]);
		expect((await ids('endpoint_id=fal-ai/flux/dev&status=success')).sort()).toEqual(
			[ran.square.requestId, ran.wide.requestId].sort(),
		);
		expect(await ids(`endpoint_id=fal-ai/flux&request_id=${ran.wide.requestId}`)).toEqual([
			ran.wide.requestId,
		]);
		const byDuration = (
			await call<{ items: RequestItem[] }>(
				'/models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev&sort_by=duration',
			)
		).body.items.map((item) => item.duration);
		expect(byDuration).toEqual([...byDuration].sort((a, b) => b - a));
		const { records, pages } = await allPages(
			emulator.proxyUrl,
			'/models/requests/by-endpoint?endpoint_id=fal-ai/flux',
			(page) => page.items as RequestItem[],
			1,
			EMULATOR_FAL_KEY,
		);
		expect(pages).toBe(4);
		expect(new Set(records.map((item) => item.request_id)).size).toBe(4);
		for (const query of [
			'endpoint_id=fal-ai/flux/dev&limit=101',
			'endpoint_id=fal-ai/flux/dev&status=fine',
			'endpoint_id=fal-ai/flux/dev&sort_by=name',
			'status=success',
		]) {
			const refused = await call<PlatformErrorBody>(`/models/requests/by-endpoint?${query}`);
			expect([query, refused.status, refused.body.error.type]).toEqual([
				query,
				400,
				'validation_error',
			]);
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
