/**
 * Workflow operations (fal workflows) in n8n's engine against the emulator:
 * Run with typed fields read from the workflow's schema or with JSON, waiting
 * (images back as binary) or not (then Queue Request → Get Result); List and
 * Get; the editor's workflow list and fields.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import {
	decodeImage,
	expectedFillColour,
	IMAGE_SIZE_PRESETS,
	STICKER_MAKER_SEED,
	WORKFLOWS,
} from '../emulator';
import { pixelAt } from '../helpers/images';
import { listSearch, resourceMapperFields } from '../n8n/editor';
import { falNodeType } from '../n8n/falNode';
import { bytesOf, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const STICKERS = 'workflows/emulator/sticker-maker';
const credentials = () => ({
	apiKey: 'emulator-key-id:emulator-key-secret',
	proxyUrl: emulator().proxyUrl,
});
const stickerMaker = { __rl: true, mode: 'list', value: 'emulator/sticker-maker' };

function runParameters(values: IDataObject, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'workflow',
		operation: 'run',
		workflow: stickerMaker,
		workflowFields: { mappingMode: 'defineBelow', value: values, matchingColumns: [], schema: [] },
		...extra,
	} as INodeParameters;
}

describe('Run', () => {
	test("typed fields: the workflow runs on fal's queue and its images come back as binary", async () => {
		const prompt = 'a smiling avocado, sticker style';
		const { items, error } = await run({
			parameters: runParameters({ prompt, image_size: 'square', num_images: 2 }),
		});
		expect(error).toBeUndefined();
		const [item] = items;
		expect(item.json).toMatchObject({
			endpoint: STICKERS,
			requestId: expect.any(String),
			images: [expect.any(Object), expect.any(Object)],
		});
		expect(Object.keys(item.binary ?? {})).toEqual(['image', 'image_1']);
		for (const [index, name] of ['image', 'image_1'].entries()) {
			const bytes = await bytesOf(item.binary![name]);
			const picture = decodeImage(bytes);
			expect([picture.width, picture.height]).toEqual([
				IMAGE_SIZE_PRESETS.square.width,
				IMAGE_SIZE_PRESETS.square.height,
			]);
			expect(pixelAt(bytes, 10, 10)).toEqual(expectedFillColour(prompt, STICKER_MAKER_SEED, index));
		}
		expect(emulator().stats.submissions[STICKERS]).toBe(1);
		expect(emulator().job(String(item.json.requestId))?.input).toEqual({
			prompt,
			image_size: 'square',
			num_images: 2,
		});
	});

	test("fields are checked against the workflow's schema before anything is sent", async () => {
		const missing = await run({ parameters: runParameters({ image_size: 'square' }) });
		expect(missing.error?.message).toMatch(/^Invalid Prompt.* in item 0: is required/);
		const tooMany = await run({ parameters: runParameters({ prompt: 'x', num_images: 9 }) });
		expect(tooMany.error?.message).toMatch(/^Invalid Num Images.* in item 0: .*4/);
		expect(emulator().stats.requests.submit).toBe(0);
	});

	test('JSON input, without waiting; Queue Request → Get Result fetches it later by the workflow ID', async () => {
		const { items, error } = await run({
			parameters: runParameters(
				{},
				{
					workflowInputMode: 'json',
					workflowInputJson: '{ "prompt": "a paper boat", "image_size": "square_hd" }',
					waitForCompletion: false,
				},
			),
		});
		expect(error).toBeUndefined();
		const submitted = items[0].json;
		expect(submitted).toMatchObject({
			endpoint: STICKERS,
			status: 'IN_QUEUE',
			requestId: expect.any(String),
		});
		const requestId = String(submitted.requestId);
		for (
			const deadline = Date.now() + 5000;
			emulator().job(requestId)?.status !== 'COMPLETED' && Date.now() < deadline;
		)
			await sleep(10);
		const result = await run({
			parameters: {
				resource: 'queueRequest',
				operation: 'getResult',
				model: 'other',
				endpoint: { __rl: true, mode: 'id', value: STICKERS },
			},
			items: [{ json: submitted }],
			typeVersion: 2,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.image?.mimeType).toBe('image/png');
		expect(decodeImage(await bytesOf(result.items[0].binary!.image)).width).toBe(
			IMAGE_SIZE_PRESETS.square_hd.width,
		);
	});

	test('an unknown workflow fails naming it, and nothing is submitted', async () => {
		const { error } = await run({
			parameters: runParameters(
				{ prompt: 'x' },
				{ workflow: { __rl: true, mode: 'id', value: 'emulator/nope' } },
			),
		});
		expect(error?.message).toMatch(
			/^Could not read the input schema of workflows\/emulator\/nope: /,
		);
		expect(emulator().stats.requests.submit).toBe(0);
	});
});

test("List: the account's workflows, one item each, paged", async () => {
	const all = await run({
		parameters: { resource: 'workflow', operation: 'list', returnAll: true },
	});
	expect(all.error).toBeUndefined();
	expect(all.items.map((item) => item.json.id)).toEqual(
		WORKFLOWS.map((workflow) => `emulator/${workflow.name}`),
	);
	expect(all.items[0].json).toMatchObject({
		name: 'sticker-maker',
		title: 'Sticker Maker',
		user_nickname: 'emulator',
		endpoint_ids: ['fal-ai/flux/dev'],
	});
	const one = await run({ parameters: { resource: 'workflow', operation: 'list', limit: 1 } });
	expect(one.items).toHaveLength(1);
});

test('Get: the details, with input and output fields summarised', async () => {
	const { items, error } = await run({
		parameters: { resource: 'workflow', operation: 'get', workflow: stickerMaker },
	});
	expect(error).toBeUndefined();
	const { json } = items[0];
	expect(json).toMatchObject({
		id: 'emulator/sticker-maker',
		title: 'Sticker Maker',
		is_public: true,
	});
	expect(json.input_fields).toEqual([
		expect.objectContaining({ name: 'prompt', type: 'string', required: true }),
		expect.objectContaining({
			name: 'image_size',
			type: 'string',
			default: 'square',
			enum: expect.arrayContaining(['square_hd']),
		}),
		expect.objectContaining({ name: 'num_images', type: 'integer', default: 1, range: '1..4' }),
	]);
	expect((json.output_fields as IDataObject[]).map((field) => field.name)).toEqual(['images']);
	const missing = await run({
		parameters: {
			resource: 'workflow',
			operation: 'get',
			workflow: { __rl: true, mode: 'id', value: 'emulator/nope' },
		},
	});
	expect(missing.error?.message).toMatch(
		/^fal found nothing for Workflow → Get \(emulator\/nope\): /,
	);
});

describe('in the editor', () => {
	test("the Workflow list offers the account's workflows, filtered by the typed text", async () => {
		const { results } = await listSearch(falNodeType, 'searchWorkflows', {
			parameters: {},
			credentials: credentials(),
			path: 'workflow',
			filter: 'sticker',
		});
		expect(results).toEqual([
			expect.objectContaining({
				value: 'emulator/sticker-maker',
				name: 'Sticker Maker · emulator/sticker-maker',
			}),
		]);
	});

	test("Run's Fields are typed from the workflow's schema", async () => {
		const { fields } = await resourceMapperFields(falNodeType, 'getWorkflowFields', {
			parameters: { resource: 'workflow', operation: 'run', workflow: stickerMaker },
			credentials: credentials(),
			path: 'workflowFields',
		});
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		expect(byId.prompt).toMatchObject({ type: 'string', required: true });
		expect(byId.image_size).toMatchObject({ type: 'options' });
		expect(byId.num_images).toMatchObject({ type: 'number', defaultValue: 1 });
	});
});
