/**
 * The main job's workflow (examples/inpaint-from-disk.json) as a user runs it:
 * read a photo and a mask from disk, inpaint through the fal.ai node, write
 * the image to output/. The emulator's inpainting is checkable: the mask's
 * white area takes the prompt's colour, the rest is the photo.
 */
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IConnections, INode } from 'n8n-workflow';
import { baseNodeTypes } from '../demo/baseNodes';
import { EMULATOR_FAL_KEY, expectedFillColour } from '../emulator';
import { pixelAt } from '../helpers/images';
import { executeWorkflow, nodeTypesOf } from '../n8n/engine';
import { falNodeType } from '../n8n/falNode';
import { FAL_NODE_TYPE } from '../n8n/workflow';
import { useEmulator } from './fixtures';

const { emulator } = useEmulator();
const written: string[] = [];
afterAll(() => written.forEach((file) => rmSync(file, { force: true })));

test('inpaint-from-disk reads, inpaints and writes the image', async () => {
	const workflow = JSON.parse(readFileSync('examples/inpaint-from-disk.json', 'utf8')) as {
		nodes: INode[];
		connections: IConnections;
	};
	const { run } = await executeWorkflow({
		...workflow,
		nodeTypes: nodeTypesOf({ ...baseNodeTypes, [FAL_NODE_TYPE]: falNodeType }),
		credentials: { 'fal-ai-account': { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator().proxyUrl } },
	});
	expect(run.status).toBe('success');
	const [job] = emulator().jobs();
	const output = run.data.resultData.runData['Write Image'][0].data!.main[0]![0].json;
	const file = resolve(String(output.fileName));
	written.push(file);
	expect(file).toBe(resolve(`output/inpainted-${job.requestId}.png`));

	const photo = readFileSync('examples/images/park-bench.png');
	const image = readFileSync(file);
	// 512² inputs, 1024² output (square_hd): the mask covers x 150–361, y 180–344 of the input.
	expect(pixelAt(image, 2 * 250, 2 * 250)).toEqual(
		expectedFillColour('a tiger sitting on a park bench', 42),
	);
	expect(pixelAt(image, 2 * 20, 2 * 20)).toEqual(pixelAt(photo, 20, 20));
	expect(pixelAt(image, 2 * 140, 2 * 380)).toEqual(pixelAt(photo, 140, 380)); // a bench leg, outside the mask
});
