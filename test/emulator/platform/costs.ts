/**
 * What a finished job cost: its units of its endpoint's price (prices.ts),
 * measured from what the job really did. A fal workflow is billed as the
 * endpoints its nodes ran, as at fal; a failed job costs nothing.
 */
import { findEmulatedEndpoint } from '../endpoints/registry';
import { valueOrDefault } from '../validate';
import { money } from './answers';
import { priceOf, type PriceUnit } from './prices';

/** One endpoint call a job made (a workflow makes one per node), successful. */
export interface BilledRun {
	endpointId: string;
	input: Record<string, unknown>;
	output: unknown;
}

/** A usage line's worth of one call. */
export interface Charge {
	endpointId: string;
	unit: PriceUnit;
	quantity: number;
	unitPrice: number;
	cost: number;
}

function outputImages(output: unknown): Array<{ width?: unknown; height?: unknown }> {
	const body = (output ?? {}) as { images?: unknown; image?: unknown };
	if (Array.isArray(body.images))
		return body.images as Array<{ width?: unknown; height?: unknown }>;
	return body.image && typeof body.image === 'object'
		? [body.image as { width?: unknown; height?: unknown }]
		: [];
}

/**
 * The units of one call: images = `num_images` (the schema's default when
 * not given); megapixels = width × height of every output image / 10⁶;
 * seconds = the `duration` input; 1000 characters = the prompt's length /
 * 1000; compute seconds = the job's real inference time.
 */
function quantityOf(unit: PriceUnit, run: BilledRun, computeSeconds: number): number {
	const document = findEmulatedEndpoint(run.endpointId)?.document;
	const value = <T>(name: string): T | undefined =>
		document ? valueOrDefault<T>(document, run.input, name) : (run.input[name] as T | undefined);
	switch (unit) {
		case 'image':
			return Number(value<number>('num_images') ?? 1);
		case 'megapixels':
			return (
				outputImages(run.output).reduce(
					(sum, image) => sum + Number(image.width ?? 0) * Number(image.height ?? 0),
					0,
				) / 1e6
			);
		case 'second':
			return Number(value<string | number>('duration') ?? 0);
		case '1000 characters':
			return String(run.input.prompt ?? '').length / 1000;
		case 'compute seconds':
			return computeSeconds;
	}
}

/** What one successful call costs; undefined for an endpoint without a price. */
function chargeOf(run: BilledRun, computeSeconds: number): Charge | undefined {
	const price = priceOf(run.endpointId);
	if (!price) return undefined;
	const quantity = quantityOf(price.unit, run, computeSeconds);
	return {
		endpointId: run.endpointId,
		unit: price.unit,
		quantity,
		unitPrice: price.unitPrice,
		cost: money(quantity * price.unitPrice),
	};
}

export function chargesOf(runs: BilledRun[], computeSeconds: number): Charge[] {
	return runs.flatMap((run) => chargeOf(run, computeSeconds) ?? []);
}
