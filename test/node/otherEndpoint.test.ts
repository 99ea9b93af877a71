/**
 * "Other Endpoint", Upload File and use as an AI agent's tool, in n8n's engine
 * against the emulator.
 */
import { type IDataObject, type INode, type INodeParameters, NodeHelpers } from 'n8n-workflow';
import { decodeImage, expectedFillColour } from '../emulator';
import { setAtPath } from '../../nodes/Fal/request/jsonBody';
import { pixelAt } from '../helpers/images';
import { falNodeType } from '../n8n/falNode';
import { bytesOf, imageAndMaskItem, MASK_PNG, RED, SOURCE_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

function otherEndpoint(
	endpointId: string,
	input: IDataObject | string,
	files: Array<{ field: string; binaryProperty: string }> = [],
	extra: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'generation',
		model: 'other',
		endpointId,
		inputJson: typeof input === 'string' ? input : JSON.stringify(input),
		files: files.length ? { values: files } : {},
		...extra,
	};
}

test('any endpoint: JSON input, a file from binary data, and its single `image` output as binary', async () => {
	const { items, error } = await run({
		parameters: otherEndpoint('fal-ai/imageutils/rembg', { crop_to_bbox: false }, [
			{ field: 'image_url', binaryProperty: 'data' },
		]),
		items: [imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	const [job] = emulator().jobs();
	expect(job.endpointId).toBe('fal-ai/imageutils/rembg');
	expect(job.input).toEqual({ crop_to_bbox: false, image_url: expect.stringMatching(/^http/) });
	expect(
		emulator()
			.file(job.input.image_url as string)
			?.bytes.equals(SOURCE_PNG),
	).toBe(true);

	const [item] = items;
	expect(item.json).toMatchObject({
		requestId: job.requestId,
		endpoint: 'fal-ai/imageutils/rembg',
		image: { binaryProperty: 'image' },
	});
	const bytes = await bytesOf(item.binary!.image);
	expect(bytes.equals(emulator().file((item.json.image as { url: string }).url)!.bytes)).toBe(true);
	// The emulator's stand-in keeps the input's size, as background removal does.
	expect(decodeImage(bytes)).toMatchObject({ width: 64, height: 64 });
	expect(item.binary!.image.mimeType).toBe('image/jpeg');
});

test('a seed endpoint called as an other endpoint sends the same request and returns every image', async () => {
	const input = {
		prompt: 'a tiger on a bench',
		image_size: { width: 64, height: 64 },
		format: 'png',
		seed: 42,
		num_images: 2,
	};
	const { items, error } = await run({
		parameters: otherEndpoint('fal-ai/fast-sdxl/inpainting', input, [
			{ field: 'image_url', binaryProperty: 'data' },
			{ field: 'mask_url', binaryProperty: 'mask' },
		]),
		items: [imageAndMaskItem()],
	});
	expect(error).toBeUndefined();
	const [job] = emulator().jobs();
	expect(job.input).toEqual({
		...input,
		image_url: expect.any(String),
		mask_url: expect.any(String),
	});
	expect(
		emulator()
			.file(job.input.mask_url as string)
			?.bytes.equals(MASK_PNG),
	).toBe(true);
	const [item] = items;
	expect(Object.keys(item.binary!)).toEqual(['image', 'image_1']);
	expect(pixelAt(await bytesOf(item.binary!.image_1), 5, 5)).toEqual(
		expectedFillColour('a tiger on a bench', 42, 1),
	);
	expect(pixelAt(await bytesOf(item.binary!.image), 50, 50)).toEqual(RED);
});

test('data URIs in the output become binary data even without downloading; no base64 stays in the JSON', async () => {
	const input = {
		prompt: 'p',
		image_size: { width: 64, height: 64 },
		sync_mode: true,
		image_url: `data:image/png;base64,${SOURCE_PNG.toString('base64')}`,
		mask_url: `data:image/png;base64,${MASK_PNG.toString('base64')}`,
	};
	const { items } = await run({
		parameters: otherEndpoint('fal-ai/fast-sdxl/inpainting', input, [], {
			nodeOptions: { downloadImages: false },
		}),
	});
	const [item] = items;
	expect(item.binary?.image?.mimeType).toMatch(/^image\//);
	expect(JSON.stringify(item.json)).not.toMatch(/base64/);
	expect(JSON.stringify(item.json).length).toBeLessThan(1000);
});

test.each([
	[
		'flux dev',
		/^Invalid Endpoint ID in item 0: "flux dev" is not a fal endpoint ID \(owner\/alias\[\/path\], e\.g\. fal-ai\/flux\/dev\)$/,
	],
	[
		'https://fal.ai/models/fal-ai/flux/dev',
		/is not a fal endpoint ID; for that page the ID is "fal-ai\/flux\/dev"$/,
	],
	['fal-ai', /"fal-ai" is not a fal endpoint ID/],
	// (An empty one n8n itself refuses to run: the field is required.)
	['  ', /^Invalid Endpoint ID in item 0: is empty/],
])('endpoint ID %j is refused before anything is sent', async (endpointId, message) => {
	const { error } = await run({
		parameters: otherEndpoint(endpointId, {}, [{ field: 'image_url', binaryProperty: 'data' }]),
		items: [imageAndMaskItem()],
	});
	expect(error?.message).toMatch(message);
	expect(emulator().stats.requests).toMatchObject({ submit: 0, uploadInitiate: 0 });
});

test.each([
	['{"prompt": "a cat",}', /^Invalid Input \(JSON\) in item 0: is not valid JSON/],
	['[1, 2]', /^Invalid Input \(JSON\) in item 0: must be a JSON object .*got an array$/],
	['"text"', /^Invalid Input \(JSON\) in item 0: must be a JSON object .*got string$/],
])('input %s is refused before anything is sent', async (input, message) => {
	const { error } = await run({
		parameters: otherEndpoint('fal-ai/imageutils/rembg', input),
		items: [imageAndMaskItem()],
	});
	expect(error?.message).toMatch(message);
	expect(emulator().stats.requests.submit).toBe(0);
});

test('a Files entry naming a binary field the item lacks fails before any upload', async () => {
	const { error } = await run({
		parameters: otherEndpoint('fal-ai/imageutils/rembg', {}, [
			{ field: 'image_url', binaryProperty: 'photo' },
		]),
		items: [imageAndMaskItem()],
	});
	expect(error?.message).toBe(
		'Invalid Files entry 1, Input Binary Field in item 0: the item has no binary field "photo" (it has: data, mask)',
	);
	expect(emulator().stats.requests).toMatchObject({ submit: 0, uploadInitiate: 0 });
});

test('fal’s answer for an endpoint it does not have reaches the user', async () => {
	const { error } = await run({ parameters: otherEndpoint('fal-ai/no-such-model', {}) });
	expect(error?.message).toBe(
		"fal returned 404 for fal-ai/no-such-model: Application 'fal-ai/no-such-model' not found",
	);
});

test('Files entries reach nested fields by dotted path', () => {
	const body: IDataObject = { controlnets: [{ conditioning_scale: 0.5 }] };
	setAtPath(body, 'controlnets.0.image_url', 'https://x/a.png');
	setAtPath(body, 'ip_adapter.1.image_url', 'https://x/b.png');
	expect(body).toEqual({
		controlnets: [{ conditioning_scale: 0.5, image_url: 'https://x/a.png' }],
		ip_adapter: [undefined, { image_url: 'https://x/b.png' }],
	});
});

describe('Upload File', () => {
	const upload = (binaryPropertyName = 'data') => ({
		resource: 'file',
		operation: 'upload',
		binaryPropertyName,
	});

	test('puts any binary file on fal storage and returns its URL', async () => {
		const text = Buffer.from('hello fal');
		const { items, error } = await run({
			parameters: upload('doc'),
			items: [
				{
					json: {},
					binary: { doc: { bytes: text, mimeType: 'text/plain', fileName: 'hello.txt' } },
				},
				imageAndMaskItem(),
			],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			url: expect.stringMatching(/^http/),
			fileName: 'hello.txt',
			mimeType: 'text/plain',
			fileSize: text.length,
		});
		const stored = emulator().file(items[0].json.url as string)!;
		expect(stored.bytes.equals(text)).toBe(true);
		expect(stored.fileName).toBe('hello.txt');
		expect(items[1].json.error).toMatchObject({
			message:
				'Invalid Input Binary Field in item 1: the item has no binary field "doc" (it has: data, mask)',
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(emulator().stats.uploads).toBe(1);
		expect(emulator().stats.requests.submit).toBe(0);
	});
});

describe('as an AI agent tool', () => {
	const nodeWith = (parameters: INodeParameters): INode => ({
		id: 'fal',
		name: 'fal.ai',
		type: 'n8n-nodes-fal-ai.falTool',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	});

	test('is usable as a tool, and each choice describes itself to the agent', () => {
		expect(falNodeType.description.usableAsTool).toBe(true);
		const describe = (parameters: INodeParameters) =>
			NodeHelpers.getToolDescriptionForNode(nodeWith(parameters), falNodeType);
		expect(describe({ resource: 'generation', model: 'fast-sdxl', operation: 'inpaint' })).toBe(
			'Inpaint an image in fal.ai',
		);
		expect(describe({ resource: 'queueRequest', operation: 'getResult' })).toBe(
			'Get the result of a fal request in fal.ai',
		);
		expect(describe({ resource: 'file', operation: 'upload' })).toBe(
			'Upload a file to fal storage in fal.ai',
		);
		expect(describe({ resource: 'generation', model: 'other' })).toMatch(
			/^Generate and edit images, video and audio with fal\.ai models/,
		);
	});
});

test('the editor’s “Custom API Call” resource points to the HTTP Request node instead of failing obscurely', async () => {
	const { error } = await run({ parameters: { resource: '__CUSTOM_API_CALL__' } });
	expect(error?.message).toMatch(
		/^Resource "__CUSTOM_API_CALL__" is not one of this node's: use an HTTP Request node with the fal\.ai credential/,
	);
	expect(emulator().stats.requests.submit).toBe(0);
});
