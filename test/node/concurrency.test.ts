/**
 * Many items at once (issue 6, first part): bounded concurrency with outputs
 * in input order, and files shared by items uploaded once per execution.
 */
import type { INodeParameters } from 'n8n-workflow';
import { peakInFlight } from '../emulator';
import { makePng } from '../helpers/images';
import type { TestItem } from '../n8n/workflow';
import { inpaintParameters, MASK_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

/** Items with their own photo (a colour each), their own prompt, and the same mask. */
function items(count: number): TestItem[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { prompt: `item ${index}` },
		binary: {
			data: {
				bytes: makePng(64, 64, [index * 20, 100, 50]),
				mimeType: 'image/png',
				fileName: `photo-${index}.png`,
			},
			mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
		},
	}));
}

const parameters = (nodeOptions: INodeParameters = {}): INodeParameters => ({
	...inpaintParameters({ prompt: '={{ $json.prompt }}' }),
	nodeOptions,
});

test('Concurrency 4: 4 items run at a time, and outputs keep the input order', async () => {
	emulator().configure({ queueTimeMs: 10, inferenceTimeMs: 250 });
	const { items: output, error } = await run({
		parameters: parameters({ concurrency: 4 }),
		items: items(8),
	});
	expect(error).toBeUndefined();
	expect(peakInFlight(emulator().jobs())).toBe(4);
	expect(output.map((item) => item.json.prompt)).toEqual(
		Array.from({ length: 8 }, (_, index) => `item ${index}`),
	);
	expect(output.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: 8 }, (_, index) => ({ item: index })),
	);
});

test('Concurrency 1 runs the items one after another', async () => {
	emulator().configure({ queueTimeMs: 10, inferenceTimeMs: 60 });
	const { items: output } = await run({
		parameters: parameters({ concurrency: 1 }),
		items: items(4),
	});
	expect(output).toHaveLength(4);
	expect(peakInFlight(emulator().jobs())).toBe(1);
});

test('a mask shared by every item is uploaded once; each photo once', async () => {
	const { items: output } = await run({ parameters: parameters(), items: items(6) });
	expect(output).toHaveLength(6);
	const jobs = emulator().jobs();
	expect(new Set(jobs.map((job) => job.input.mask_url)).size).toBe(1);
	expect(new Set(jobs.map((job) => job.input.image_url)).size).toBe(6);
	expect(emulator().stats.uploads).toBe(7);
});

test('without continueOnFail the first failure stops further items from starting', async () => {
	emulator().configure({ faults: [{ route: 'submit', kind: 'fail-job', calls: [2] }] });
	const { error } = await run({ parameters: parameters({ concurrency: 1 }), items: items(5) });
	expect(error?.message).toMatch(
		/^fal returned 500 for fal-ai\/fast-sdxl\/inpainting: The runner stopped/,
	);
	expect(emulator().stats.requests.submit).toBe(2);
});

test('Concurrency must be a whole number of at least 1', async () => {
	const { error } = await run({ parameters: parameters({ concurrency: 0 }), items: items(1) });
	expect(error?.message).toBe(
		'Invalid Concurrency in item 0: must be a whole number of at least 1, got 0',
	);
	expect(emulator().stats.requests.submit).toBe(0);
});
