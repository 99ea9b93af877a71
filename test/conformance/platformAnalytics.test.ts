/**
 * fal's Platform API on jobs this test really ran through the real
 * @fal-ai/client (platformJobs.ts): analytics (`GET /models/analytics`) and
 * the request history (`GET /models/requests/by-endpoint`), each figure
 * recomputed from the jobs.
 */
import { EMULATOR_FAL_KEY } from '../emulator';
import { allPages, type PlatformErrorBody } from '../helpers/platform';
import { job, ran, useRanJobs } from './platformJobs';
import { call, emulator, FLUX, type RequestItem, usePlatformEmulator } from './platformSetup';

usePlatformEmulator();

describe('from the jobs the emulator ran', () => {
	useRanJobs();

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
});
