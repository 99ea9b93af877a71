import type { IDataObject } from 'n8n-workflow';
import type { EndpointFields } from '../schema/types';

/**
 * How many of fal's price units one request will use, foreseen from its
 * input: images from `num_images`, megapixels from the image size, seconds
 * from `duration`, characters from the text. The endpoint's schema supplies
 * the defaults the input leaves out. Units that depend on the run itself
 * (compute seconds, an output size the input does not fix) cannot be
 * foreseen: the estimate says why.
 */

export type UnitEstimate = { units: number; basis: string } | { unknown: string };

/** fal's size presets (fal's ImageSize docs), in pixels. */
const SIZE_PRESETS: Record<string, [number, number]> = {
	square_hd: [1024, 1024],
	square: [512, 512],
	portrait_4_3: [768, 1024],
	portrait_16_9: [576, 1024],
	landscape_4_3: [1024, 768],
	landscape_16_9: [1024, 576],
};

/** The input's value, or the schema's default for it. */
function valueOf(
	body: IDataObject,
	fields: Pick<EndpointFields, 'input'> | undefined,
	name: string,
): unknown {
	return body[name] ?? fields?.input.find((field) => field.name === name)?.default ?? undefined;
}

function countOf(
	body: IDataObject,
	fields: Pick<EndpointFields, 'input'> | undefined,
	names: string[],
): number {
	for (const name of names) {
		const value = Number(valueOf(body, fields, name));
		if (Number.isFinite(value) && value >= 1) return Math.floor(value);
	}
	return 1;
}

/** "1000 characters" → per 1000 of "character"; "images" → per 1 "image". */
function parseUnit(unitText: string): { per: number; unit: string } {
	const match = /^\s*(\d+(?:\.\d+)?)\s+(.+)$/.exec(unitText);
	const per = match ? Number(match[1]) : 1;
	const unit = (match ? match[2] : unitText).trim().toLowerCase().replace(/s$/, '');
	return { per: per > 0 ? per : 1, unit };
}

function sizeOf(
	body: IDataObject,
	fields: Pick<EndpointFields, 'input'> | undefined,
): [number, number] | undefined {
	const size = valueOf(body, fields, 'image_size');
	if (typeof size === 'string') return SIZE_PRESETS[size];
	if (size && typeof size === 'object' && 'width' in size && 'height' in size)
		return [Number(size.width), Number(size.height)];
	const [width, height] = [
		Number(valueOf(body, fields, 'width')),
		Number(valueOf(body, fields, 'height')),
	];
	return width > 0 && height > 0 ? [width, height] : undefined;
}

function secondsOf(value: unknown): number | undefined {
	const seconds =
		typeof value === 'number'
			? value
			: typeof value === 'string'
				? Number(value.replace(/s$/, ''))
				: Number.NaN;
	return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

export function estimateUnits(
	unitText: string,
	body: IDataObject,
	fields?: Pick<EndpointFields, 'input'>,
): UnitEstimate {
	const { per, unit } = parseUnit(unitText);
	const per1 = (units: number, basis: string): UnitEstimate => ({ units: units / per, basis });
	switch (unit) {
		case 'image': {
			const images = countOf(body, fields, ['num_images', 'num_outputs']);
			return per1(images, `${images} image${images === 1 ? '' : 's'}`);
		}
		case 'megapixel': {
			const size = sizeOf(body, fields);
			if (!size)
				return {
					unknown: `priced per megapixel, and the input sets no output size (image_size, or width and height)`,
				};
			const images = countOf(body, fields, ['num_images', 'num_outputs']);
			const megapixels = ((size[0] * size[1]) / 1e6) * images;
			return per1(megapixels, `${images} × ${size[0]}×${size[1]} = ${megapixels.toFixed(2)} MP`);
		}
		case 'second':
		case 'minute': {
			const seconds =
				secondsOf(valueOf(body, fields, 'duration')) ??
				secondsOf(valueOf(body, fields, 'duration_seconds'));
			if (seconds === undefined)
				return {
					unknown: `priced per ${unit}, and the input sets no duration (the output's length is known only once it runs)`,
				};
			return per1(unit === 'minute' ? seconds / 60 : seconds, `${seconds} s`);
		}
		case 'video': {
			const videos = countOf(body, fields, ['num_videos']);
			return per1(videos, `${videos} video${videos === 1 ? '' : 's'}`);
		}
		case 'character': {
			const text = ['text', 'prompt', 'input']
				.map((name) => body[name])
				.find((value): value is string => typeof value === 'string');
			if (text === undefined)
				return { unknown: 'priced per character, and the input has no text (text or prompt)' };
			return per1(text.length, `${text.length} characters`);
		}
		case 'request':
		case 'call':
			return per1(1, '1 request');
		default:
			return {
				unknown: `priced per ${unitText}, which depends on how long fal's machines run: it cannot be known before the run`,
			};
	}
}
