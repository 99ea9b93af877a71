import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage, encodeImage, type RgbaImage } from './images';

const IMAGES_DIR = join(__dirname, '../../examples/images');

/** fal's own example inputs, as the docs pages give them. */
export const DOC_EXAMPLE_URLS = {
	inpaintingImage:
		'https://raw.githubusercontent.com/CompVis/latent-diffusion/main/data/inpainting_examples/overture-creations-5sI6fQgYIuo.png',
	inpaintingMask:
		'https://raw.githubusercontent.com/CompVis/latent-diffusion/main/data/inpainting_examples/overture-creations-5sI6fQgYIuo_mask.png',
	imageToImage: 'https://fal-cdn.batuhan-941.workers.dev/files/tiger/IExuP-WICqaIesLZAZPur.jpeg',
	controlImage: 'https://avatars.githubusercontent.com/u/74778219',
} as const;

/** The control image's stand-in has its own size: ControlNet output takes it, so a test can see it was used. */
export const CONTROL_STAND_IN_SIZE = 384;

function checkerboard(size: number, cell: number): RgbaImage {
	const data = Buffer.alloc(size * size * 4, 255);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			if ((Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0)
				data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
		}
	}
	return { width: size, height: size, data };
}

/**
 * Offline copies of the docs' example images, for the emulator's `remoteFiles`,
 * so that workflows using fal's own example URLs run here too. The park bench
 * photo and its mask (examples/images/) are 512² like fal's inpainting pair;
 * the image-to-image input is that photo as a JPEG, as fal's is a JPEG.
 */
export function docExampleFiles(): Record<string, Buffer> {
	const photo = readFileSync(join(IMAGES_DIR, 'park-bench.png'));
	return {
		[DOC_EXAMPLE_URLS.inpaintingImage]: photo,
		[DOC_EXAMPLE_URLS.inpaintingMask]: readFileSync(join(IMAGES_DIR, 'park-bench-mask.png')),
		[DOC_EXAMPLE_URLS.imageToImage]: encodeImage(decodeImage(photo), 'jpeg'),
		[DOC_EXAMPLE_URLS.controlImage]: encodeImage(checkerboard(CONTROL_STAND_IN_SIZE, 32), 'png'),
	};
}
