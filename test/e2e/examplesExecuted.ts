/**
 * The checks of the examples n8n runs headless (`n8n execute`): the seed
 * endpoints' docs examples, files from disk and from a URL, Continue On Fail,
 * Any fal Endpoint's kinds of output, and a fal workflow. Each checks what
 * the run produced against what its inputs must make.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	CONTROL_STAND_IN_SIZE,
	decodeImage,
	DOC_EXAMPLE_URLS,
	expectedFillColour,
	IMAGE_SIZE_PRESETS,
	STICKER_MAKER_SEED,
} from '../emulator';
import { editedImage } from '../emulator/images';
import { makeMp4 } from '../emulator/media';
import { expectedImage, expectImageFrom, falRun, jobOf, meanDifference } from './examplesExpect';
import { docExamples, emulator, n8n, offlineCopies, workflowId, workflows } from './examplesSetup';
import type { WorkflowJson } from './n8n';

/** The check of each example, by its file name. */
export const executedChecks: Record<string, () => Promise<void>> = {};

// One per seed endpoint: fal's docs example, sent as the docs show it.
const seedExamples: Record<string, string> = {
	'playground-v25-inpaint.json': 'fal-ai/playground-v25/inpainting',
	'playground-v25-image-to-image.json': 'fal-ai/playground-v25/image-to-image',
	'fast-sdxl-inpaint.json': 'fal-ai/fast-sdxl/inpainting',
	'hyper-sdxl-inpaint.json': 'fal-ai/hyper-sdxl/inpainting',
	'fast-sdxl-controlnet-canny-inpaint.json': 'fal-ai/fast-sdxl-controlnet-canny/inpainting',
};
for (const [file, endpointId] of Object.entries(seedExamples)) {
	executedChecks[file] = async () => {
		const result = await n8n.execute(workflowId(file));
		expect(result.code).toBe(0);
		const [item] = falRun(result).data!.main[0]!;
		const job = jobOf(item.json.requestId);
		expect(job.endpointId).toBe(endpointId);
		expect(job.input).toEqual(docExamples.get(endpointId));
		const inputs = {
			image: offlineCopies[job.input.image_url as string],
			mask: job.input.mask_url ? offlineCopies[job.input.mask_url as string] : undefined,
		};
		expectImageFrom(item, inputs);
		if (job.input.control_image_url) {
			// No image size in the docs' ControlNet example: fal takes the control image's.
			expect((item.json.images as Array<{ width: number }>)[0].width).toBe(CONTROL_STAND_IN_SIZE);
		}
	};
}

executedChecks['inpaint-from-disk.json'] = async () => {
	const result = await n8n.execute(workflowId('inpaint-from-disk.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	// The uploaded photo and mask are the files on disk, byte for byte.
	const job = jobOf(item.json.requestId);
	const photo = readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'));
	const mask = readFileSync(join(n8n.workDir, 'examples/images/park-bench-mask.png'));
	expect(emulator.file(job.input.image_url as string)?.bytes.equals(photo)).toBe(true);
	expect(emulator.file(job.input.mask_url as string)?.bytes.equals(mask)).toBe(true);
	// Write Image wrote the result to disk.
	const written = readFileSync(join(n8n.workDir, `output/inpainted-${job.requestId}.png`));
	const [image] = item.json.images as Array<{ width: number; height: number }>;
	expect(
		meanDifference(
			decodeImage(written),
			expectedImage(job, item.json.seed as number, { image: photo, mask }, image),
		),
	).toBe(0);
};

executedChecks['image-from-url.json'] = async () => {
	const result = await n8n.execute(workflowId('image-from-url.json'));
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const tiger = offlineCopies[DOC_EXAMPLE_URLS.imageToImage];
	const job = expectImageFrom(item, { image: tiger });
	// HTTP Request's download went to fal storage unchanged.
	expect(emulator.file(job.input.image_url as string)?.bytes.equals(tiger)).toBe(true);
	expect(job.input).toMatchObject({
		prompt: 'a tiger in a snowy forest, oil painting',
		strength: 0.6,
		seed: 7,
	});
};

executedChecks['continue-on-fail.json'] = async () => {
	const workflow = workflows.get('continue-on-fail.json')!;
	const result = await n8n.execute(workflow.id!);
	expect(result.code).toBe(0);
	const [generated, failed] = falRun(result).data!.main;
	expect(generated).toHaveLength(2);
	for (const item of generated!) {
		const image = offlineCopies[String(jobOf(item.json.requestId).input.image_url)];
		expectImageFrom(item, { image });
	}
	expect(failed).toHaveLength(1);
	const [failure] = failed!;
	const missingUrl =
		'https://raw.githubusercontent.com/CompVis/latent-diffusion/main/data/inpainting_examples/no-such-image.png';
	const failedJob = emulator.jobs().find((job) => job.input.image_url === missingUrl)!;
	expect(failure.json).toMatchObject({
		image_url: missingUrl,
		error: { requestId: failedJob.requestId, endpoint: 'fal-ai/playground-v25/image-to-image' },
	});
	expect((failure.json.error as { message: string }).message).toMatch(
		/Image URL \(image_url\): Failed to download the file\..*\[file_download_error\]/,
	);
	expect(failure.pairedItem).toEqual({ item: 1 });
	// The error branch reached its node.
	expect(falRun(result, 'Failed').data!.main[0]).toHaveLength(1);

	// Without Continue the same workflow stops at the bad item, with fal's detail.
	const strict: WorkflowJson = {
		...workflow,
		id: `${workflow.id}Strict`,
		nodes: workflow.nodes.map((node) => ({ ...node, onError: undefined })),
	};
	await n8n.importWorkflows([strict]);
	const stopped = await n8n.execute(strict.id!);
	expect(stopped.code).toBe(1);
	const error = stopped.execution?.data.resultData.error;
	expect(error?.node?.name).toBe('fal.ai');
	expect(error?.message).toMatch(
		/^fal rejected the input for fal-ai\/playground-v25\/image-to-image: Image URL \(image_url\): Failed to download the file/,
	);
	expect(error?.description).toContain(
		`fal request ID: ${
			emulator
				.jobs()
				.filter((job) => job.input.image_url === missingUrl)
				.pop()!.requestId
		}`,
	);
};

executedChecks['other-endpoint.json'] = async () => {
	const result = await n8n.execute(workflowId('other-endpoint.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result, 'Remove Background').data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('fal-ai/imageutils/rembg');
	// The JSON input as typed, plus the photo from Read Photo uploaded into image_url.
	const photo = readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'));
	expect(job.input).toEqual({ crop_to_bbox: false, image_url: expect.any(String) });
	expect(emulator.file(job.input.image_url as string)?.bytes.equals(photo)).toBe(true);
	// fal's single `image` came back as the binary field `image`, byte for byte.
	const image = item.json.image as { url: string; binaryProperty: string };
	expect(image.binaryProperty).toBe('image');
	expect(n8n.binaryBytes(item.binary!.image).equals(emulator.file(image.url)!.bytes)).toBe(true);
};

// Any fal Endpoint (node version 2): typed fields, binary inputs, every kind of output file.
executedChecks['image-edit-two-images.json'] = async () => {
	const result = await n8n.execute(workflowId('image-edit-two-images.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('fal-ai/nano-banana/edit');
	expect(job.input).toMatchObject({
		prompt: 'Put the lantern beside the park bench, at dusk',
		num_images: 1,
		output_format: 'png',
	});
	// Both pictures uploaded, in order, byte for byte as Read Files from Disk gave them.
	const photo = readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'));
	const lantern = readFileSync(join(n8n.workDir, 'examples/images/lantern.png'));
	const [first, second] = job.input.image_urls as string[];
	expect(emulator.file(first)?.bytes.equals(photo)).toBe(true);
	expect(emulator.file(second)?.bytes.equals(lantern)).toBe(true);
	const written = readFileSync(join(n8n.workDir, `output/edited-${job.requestId}.png`));
	expect(decodeImage(written)).toEqual(editedImage([decodeImage(photo), decodeImage(lantern)]));
};

executedChecks['image-to-video.json'] = async () => {
	const result = await n8n.execute(workflowId('image-to-video.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('fal-ai/kling-video/v2.1/standard/image-to-video');
	expect(
		emulator
			.file(job.input.image_url as string)
			?.bytes.equals(readFileSync(join(n8n.workDir, 'examples/images/park-bench.png'))),
	).toBe(true);
	expect(item.binary!.video).toMatchObject({ mimeType: 'video/mp4', fileName: 'output.mp4' });
	expect(n8n.binaryBytes(item.binary!.video).equals(makeMp4())).toBe(true);
	expect(
		readFileSync(join(n8n.workDir, `output/video-${job.requestId}.mp4`)).equals(makeMp4()),
	).toBe(true);
};

executedChecks['text-to-speech.json'] = async () => {
	const result = await n8n.execute(workflowId('text-to-speech.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result).data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.input).toEqual({
		prompt: 'Your images are ready. The fal node has finished the batch.',
		voice: 'af_heart',
		speed: 1,
	});
	const audio = item.json.audio as { url: string; binaryProperty: string };
	expect(audio.binaryProperty).toBe('audio');
	expect(item.binary!.audio).toMatchObject({ mimeType: 'audio/wav', fileName: 'speech.wav' });
	const written = readFileSync(join(n8n.workDir, `output/speech-${job.requestId}.wav`));
	expect(written.equals(emulator.file(audio.url)!.bytes)).toBe(true);
	expect(written.subarray(8, 12).toString('latin1')).toBe('WAVE');
};

executedChecks['run-fal-workflow.json'] = async () => {
	const result = await n8n.execute(workflowId('run-fal-workflow.json'));
	expect(result.execution?.data.resultData.error).toBeUndefined();
	expect(result.code).toBe(0);
	const [item] = falRun(result, 'Sticker Maker').data!.main[0]!;
	const job = jobOf(item.json.requestId);
	expect(job.endpointId).toBe('workflows/emulator/sticker-maker');
	expect(job.input).toEqual({
		prompt: 'a smiling avocado, sticker style',
		image_size: 'square',
		num_images: 1,
	});
	// The sticker written to disk is the workflow's image: FLUX's colour for the prompt and the workflow's seed, at the square preset.
	const sticker = decodeImage(
		readFileSync(join(n8n.workDir, `output/sticker-${job.requestId}.png`)),
	);
	expect([sticker.width, sticker.height]).toEqual([
		IMAGE_SIZE_PRESETS.square.width,
		IMAGE_SIZE_PRESETS.square.height,
	]);
	expect(Array.from(sticker.data.subarray(0, 3))).toEqual(
		expectedFillColour('a smiling avocado, sticker style', STICKER_MAKER_SEED, 0),
	);
};
