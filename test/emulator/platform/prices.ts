/**
 * What each endpoint costs: one price for every endpoint the emulator runs
 * and every one its catalogue lists (`GET /v1/models/pricing`), in fal's kinds
 * of unit. Usage, estimates and billing all price jobs from this table, so a
 * test can recompute any amount. The figures are of fal's order of magnitude,
 * not fal's current prices.
 */
import { CATALOGUE } from '../catalogue/catalogue';

/**
 * fal's billing units as the emulator uses them: per output image, per
 * megapixel of output, per second of output video, per 1000 characters of
 * input text, or per second of GPU time (which cannot be known before the
 * request runs).
 */
export type PriceUnit = 'image' | 'megapixels' | 'second' | '1000 characters' | 'compute seconds';

export interface Price {
	unit: PriceUnit;
	unitPrice: number;
}

/** The endpoints the emulator runs, and some well-known listed ones. */
const LISTED_PRICES: Record<string, Price> = {
	// Run by the emulator.
	'fal-ai/playground-v25/inpainting': { unit: 'image', unitPrice: 0.003 },
	'fal-ai/playground-v25/image-to-image': { unit: 'image', unitPrice: 0.003 },
	'fal-ai/fast-sdxl/inpainting': { unit: 'image', unitPrice: 0.0025 },
	'fal-ai/hyper-sdxl/inpainting': { unit: 'image', unitPrice: 0.002 },
	'fal-ai/fast-sdxl-controlnet-canny/inpainting': { unit: 'image', unitPrice: 0.003 },
	'fal-ai/imageutils/rembg': { unit: 'image', unitPrice: 0.001 },
	'fal-ai/nano-banana/edit': { unit: 'image', unitPrice: 0.039 },
	'fal-ai/flux/dev': { unit: 'megapixels', unitPrice: 0.025 },
	'fal-ai/kling-video/v2.1/standard/image-to-video': { unit: 'second', unitPrice: 0.05 },
	'fal-ai/kokoro/american-english': { unit: '1000 characters', unitPrice: 0.02 },
	'fal-ai/image-archive': { unit: 'compute seconds', unitPrice: 0.00111 },
	// Listed only.
	'fal-ai/flux/schnell': { unit: 'megapixels', unitPrice: 0.003 },
	'fal-ai/flux/dev/image-to-image': { unit: 'megapixels', unitPrice: 0.03 },
	'fal-ai/flux-lora': { unit: 'megapixels', unitPrice: 0.035 },
	'fal-ai/flux-pro/v1.1': { unit: 'megapixels', unitPrice: 0.04 },
	'fal-ai/flux-pro/v1.1-ultra': { unit: 'image', unitPrice: 0.06 },
	'fal-ai/flux-pro/kontext': { unit: 'image', unitPrice: 0.04 },
	'fal-ai/flux-pro/kontext/max': { unit: 'image', unitPrice: 0.08 },
	'fal-ai/nano-banana': { unit: 'image', unitPrice: 0.039 },
	'fal-ai/imagen4/preview': { unit: 'image', unitPrice: 0.05 },
	'fal-ai/kling-video/v2.1/pro/image-to-video': { unit: 'second', unitPrice: 0.09 },
	'fal-ai/kling-video/v2.1/master/image-to-video': { unit: 'second', unitPrice: 0.28 },
	'fal-ai/veo3': { unit: 'second', unitPrice: 0.4 },
	'fal-ai/veo3/fast': { unit: 'second', unitPrice: 0.15 },
	'fal-ai/kokoro/british-english': { unit: '1000 characters', unitPrice: 0.02 },
	'fal-ai/elevenlabs/tts/multilingual-v2': { unit: '1000 characters', unitPrice: 0.1 },
};

/** Every other catalogue entry is priced by what its category makes. */
const CATEGORY_PRICES: Record<string, Price> = {
	'text-to-image': { unit: 'image', unitPrice: 0.03 },
	'image-to-image': { unit: 'image', unitPrice: 0.03 },
	'image-to-video': { unit: 'second', unitPrice: 0.1 },
	'text-to-video': { unit: 'second', unitPrice: 0.1 },
	'video-to-video': { unit: 'second', unitPrice: 0.08 },
	'text-to-speech': { unit: '1000 characters', unitPrice: 0.05 },
};

const COMPUTE: Price = { unit: 'compute seconds', unitPrice: 0.00111 };

/** The table: every catalogue entry (runnable ones first), each with one price. */
export const PRICES: ReadonlyMap<string, Price> = new Map(
	CATALOGUE.map((entry) => [
		entry.endpointId,
		LISTED_PRICES[entry.endpointId] ?? CATEGORY_PRICES[entry.metadata.category] ?? COMPUTE,
	]),
);

export function priceOf(endpointId: string): Price | undefined {
	return PRICES.get(endpointId);
}

/**
 * What one call typically uses, for an estimate from history when an endpoint
 * has none yet (the emulator's assumption, not fal's): one image, one
 * megapixel (a 1024×1024 image), a 5 s video, 1000 characters, 10 s of GPU.
 */
export const TYPICAL_QUANTITY: Record<PriceUnit, number> = {
	image: 1,
	megapixels: 1,
	second: 5,
	'1000 characters': 1,
	'compute seconds': 10,
};
