/**
 * fal workflows as the Platform API lists and describes them (`GET
 * /workflows`, `GET /workflows/{user}/{name}`): pages, search, a workflow's
 * graph and its input and output schemas, and the errors.
 */
import { EMULATOR_FAL_KEY, IMAGE_SIZE_PRESETS, type JsonSchema, WORKFLOWS } from '../emulator';
import { allPages, platform, type PlatformErrorBody } from '../helpers/platform';
import { emulator, useWorkflowsEmulator } from './workflowsSetup';

interface WorkflowSummary {
	name: string;
	title: string;
	user_nickname: string;
	created_at: string;
	description?: string;
	tags: string[];
	endpoint_ids: string[];
}

interface WorkflowDetails {
	workflow: {
		name: string;
		title: string;
		user_nickname: string;
		is_public: boolean;
		created_at: string;
		contents: {
			schema: { input: JsonSchema; output: JsonSchema };
			nodes: Record<string, { type: string; app?: string }>;
		};
	};
}

const call = <T>(path: string) => platform<T>(emulator.proxyUrl, path, { key: EMULATOR_FAL_KEY });

useWorkflowsEmulator();

describe('GET https://api.fal.ai/v1/workflows', () => {
	it("lists the account's workflows in pages", async () => {
		const { records, pages } = await allPages(
			emulator.proxyUrl,
			'/workflows',
			(page) => page.workflows as WorkflowSummary[],
			2,
			EMULATOR_FAL_KEY,
		);
		expect(pages).toBe(2);
		expect(records.map((workflow) => workflow.name)).toEqual(
			WORKFLOWS.map((workflow) => workflow.name),
		);
		for (const workflow of records) {
			expect(workflow).toEqual({
				name: expect.any(String),
				title: expect.any(String),
				user_nickname: 'emulator',
				created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				description: expect.any(String),
				tags: workflow.tags,
				endpoint_ids: workflow.endpoint_ids,
			});
			expect(Array.isArray(workflow.tags) && Array.isArray(workflow.endpoint_ids)).toBe(true);
		}
		expect(records[0]).toMatchObject({ name: 'sticker-maker', endpoint_ids: ['fal-ai/flux/dev'] });
		expect(records.find((workflow) => workflow.name === 'product-cutout')!.endpoint_ids).toEqual([
			'fal-ai/flux/dev',
			'fal-ai/imageutils/rembg',
		]);
	});

	it('searches names, titles, descriptions and tags', async () => {
		const { body } = await call<{ workflows: WorkflowSummary[] }>('/workflows?search=sticker');
		expect(body.workflows.map((workflow) => workflow.name)).toEqual(['sticker-maker']);
		expect(
			(await call<{ workflows: WorkflowSummary[] }>('/workflows?search=nothing-like-this')).body
				.workflows,
		).toEqual([]);
	});

	it('describes one workflow: its graph and its input and output schemas', async () => {
		const { status, body } = await call<WorkflowDetails>('/workflows/emulator/sticker-maker');
		expect(status).toBe(200);
		const { workflow } = body;
		expect(workflow).toMatchObject({
			name: 'sticker-maker',
			title: 'Sticker Maker',
			user_nickname: 'emulator',
			is_public: true,
		});
		const { input, output } = workflow.contents.schema;
		expect(input.required).toEqual(['prompt']);
		expect(input['x-fal-order-properties']).toEqual(['prompt', 'image_size', 'num_images']);
		expect(input.properties!.prompt).toMatchObject({ type: 'string' });
		expect(input.properties!.image_size).toMatchObject({
			type: 'string',
			enum: Object.keys(IMAGE_SIZE_PRESETS),
			default: 'square',
		});
		expect(input.properties!.num_images).toMatchObject({
			type: 'integer',
			minimum: 1,
			maximum: 4,
			default: 1,
		});
		expect(output.properties!.images).toMatchObject({
			type: 'array',
			items: { type: 'object', properties: { url: { type: 'string' } } },
		});
		expect(JSON.stringify(workflow.contents.schema)).not.toContain('$ref');
		expect(workflow.contents.nodes['node-image']).toMatchObject({
			type: 'run',
			app: 'fal-ai/flux/dev',
		});
	});

	it('answers 404 not_found for a workflow it does not have, 401 without a key', async () => {
		const missing = await call<PlatformErrorBody>('/workflows/emulator/no-such-workflow');
		expect(missing.status).toBe(404);
		expect(missing.body.error.type).toBe('not_found');
		expect((await platform(emulator.proxyUrl, '/workflows')).status).toBe(401);
	});
});
