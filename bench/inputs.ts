/**
 * The workload most measurements run: Fast SDXL inpainting at 64×64 PNG
 * (outputs downloaded as binary data, the default), each item its own small
 * photo and prompt, every item the same mask bytes.
 */
import type { INodeParameters } from 'n8n-workflow';
import { makePng } from '../test/helpers/images';
import type { TestItem } from '../test/n8n/workflow';

export const MASK_PNG = makePng(64, 64, [0, 0, 0], {
	x: 0,
	y: 0,
	width: 32,
	height: 32,
	colour: [255, 255, 255],
});

export function inpaintParameters(nodeOptions: INodeParameters = {}): INodeParameters {
	return {
		model: 'fast-sdxl',
		operation: 'inpaint',
		prompt: '={{ $json.prompt }}',
		options: {
			image_size: 'custom',
			image_size_width: 64,
			image_size_height: 64,
			format: 'png',
			seed: 42,
		},
		nodeOptions,
	};
}

export function inpaintItems(count: number): TestItem[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { prompt: `item ${index}` },
		binary: {
			data: {
				bytes: makePng(16, 16, [index % 256, Math.floor(index / 256), 50]),
				mimeType: 'image/png',
				fileName: `photo-${index}.png`,
			},
			mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
		},
	}));
}
