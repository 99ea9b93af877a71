/**
 * Issue 27 in a real n8n: Any fal Endpoint on fal's own documents for five
 * popular endpoints, set up as a new user does it: the endpoint picked, its
 * Fields loaded over the editor's REST route and pre-filled as the editor
 * pre-fills them, only the required ones filled in, the workflow saved over
 * REST and executed. n8n checks a workflow's parameters before any node
 * runs; then the emulator shows what reached fal.
 */
import { editorParameters } from '../helpers/anyEndpoint';
import { editorEndpointFields, FAL_NODE as node, useEditorSession } from './editorSession';

const session = useEditorSession('e2eSchemasCredential');
const { credentials } = session;

beforeEach(() => session.emulator().reset());

/** Saves (POST /rest/workflows) a Manual Trigger → fal.ai workflow with the editor's Fields, `set` on top, runs it, returns fal's input. */
async function saveAndRun(
	endpointId: string,
	set: Record<string, unknown>,
): Promise<Record<string, unknown>> {
	const saved = await session.n8n().restPost<{ id: string }>('workflows', {
		name: `Any fal Endpoint: ${endpointId}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'fal',
				name: 'fal.ai',
				type: node.name,
				typeVersion: node.version,
				position: [220, 0],
				parameters: editorParameters(
					endpointId,
					await editorEndpointFields(session, { mode: 'list', value: endpointId }),
					set,
				),
				credentials,
			},
		],
		connections: { Start: { main: [[{ node: 'fal.ai', type: 'main', index: 0 }]] } },
	});
	const result = await session.n8n().execute(saved.id);
	if (result.code !== 0)
		throw new Error(
			`n8n execute failed (exit ${result.code}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
		);
	const [task] = result.execution!.data.resultData.runData['fal.ai'];
	expect(task.data?.main[0]?.[0].binary?.image?.mimeType).toMatch(/^image\//);
	const jobs = session.emulator().jobs();
	expect(jobs).toHaveLength(1);
	return jobs[0].input;
}

describe('freshly chosen, required fields only: n8n runs the workflow, and fal gets no default the user did not set', () => {
	test('fal-ai/bytedance/seedream/v4/text-to-image (image_size: preset or object, default an object)', async () => {
		expect(
			await saveAndRun('fal-ai/bytedance/seedream/v4/text-to-image', { prompt: 'a lighthouse' }),
		).toEqual({
			prompt: 'a lighthouse',
			num_images: 1,
			max_images: 1,
			sync_mode: false,
			enable_safety_checker: true,
		});
	}, 120_000);

	test('fal-ai/flux-pro/v1.1-ultra (aspect_ratio: preset or any text)', async () => {
		expect(
			await saveAndRun('fal-ai/flux-pro/v1.1-ultra', { prompt: 'a lighthouse' }),
		).toMatchObject({ prompt: 'a lighthouse', aspect_ratio: '16:9' });
	}, 120_000);

	test.each(['fal-ai/flux-lora', 'fal-ai/stable-diffusion-v35-large', 'fal-ai/recraft-v3'])(
		'%s (a list default: loras, colors)',
		async (endpointId) => {
			const input = await saveAndRun(endpointId, { prompt: 'a lighthouse' });
			expect(input).not.toHaveProperty('loras');
			expect(input).not.toHaveProperty('colors');
			expect(Object.values(input).every((value) => typeof value !== 'object')).toBe(true);
		},
		120_000,
	);
});

describe('presets, custom sizes and free ratios reach fal exactly as set', () => {
	test('a custom size, its parts added', async () => {
		const input = await saveAndRun('fal-ai/bytedance/seedream/v4/text-to-image', {
			prompt: 'p',
			image_size: 'custom',
			image_size_width: 1536,
			image_size_height: 1024,
		});
		expect(input.image_size).toEqual({ width: 1536, height: 1024 });
	}, 120_000);

	test('a preset size', async () => {
		expect(
			(
				await saveAndRun('fal-ai/bytedance/seedream/v4/text-to-image', {
					prompt: 'p',
					image_size: 'auto_4K',
				})
			).image_size,
		).toBe('auto_4K');
	}, 120_000);

	test("a ratio of the user's own", async () => {
		expect(
			(await saveAndRun('fal-ai/flux-pro/v1.1-ultra', { prompt: 'p', aspect_ratio: '5:4' }))
				.aspect_ratio,
		).toBe('5:4');
	}, 120_000);
});
