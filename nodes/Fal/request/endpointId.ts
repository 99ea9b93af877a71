import { FieldInputError } from './fieldInputError';

/**
 * fal endpoint IDs as users give them: `owner/alias[/path]`, or pasted from a
 * fal.ai model page. The Endpoint locator's modes check them as they are
 * typed; each item's is checked again before anything is sent.
 */

export const ENDPOINT_ID_LABEL = 'Endpoint ID';

/** owner/alias[/path...], as on fal's model pages (fal-ai/flux/dev/image-to-image). */
export const ENDPOINT_ID_SOURCE = '[A-Za-z0-9][\\w.-]*\\/[A-Za-z0-9][\\w.-]*(?:\\/[\\w.-]+)*';
const ENDPOINT_ID_PATTERN = new RegExp(`^${ENDPOINT_ID_SOURCE}$`);

/** A fal.ai model page (https://fal.ai/models/fal-ai/flux/dev, its /api or /playground tab): the ID is its path. */
export const MODEL_PAGE_SOURCE = `^https?://(?:www\\.)?fal\\.ai/models/(${ENDPOINT_ID_SOURCE}?)(?:/(?:api|playground|examples|llms\\.txt))?/?(?:[?#].*)?$`;

/** A checked endpoint ID; a pasted model-page URL gets a hint at the ID inside it. */
export function checkEndpointId(value: unknown, label = ENDPOINT_ID_LABEL): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text)
		throw new FieldInputError(
			label,
			'is empty; choose a fal endpoint, or give its ID, e.g. fal-ai/flux/dev',
		);
	if (ENDPOINT_ID_PATTERN.test(text)) return text;
	const fromUrl =
		new RegExp(MODEL_PAGE_SOURCE).exec(text)?.[1] ??
		/^https?:\/\/(?:queue\.fal\.run|fal\.run)\/([^?#]+?)\/?(?:[?#].*)?$/.exec(text)?.[1];
	const hint =
		fromUrl && ENDPOINT_ID_PATTERN.test(fromUrl)
			? `; for that page the ID is "${fromUrl}"`
			: ' (owner/alias[/path], e.g. fal-ai/flux/dev)';
	throw new FieldInputError(
		label,
		`${JSON.stringify(text.slice(0, 200))} is not a fal endpoint ID${hint}`,
	);
}

/** Several endpoint IDs, comma- or line-separated (or a list from an expression), each checked. */
export function checkEndpointIds(value: unknown, label: string): string[] {
	const entries = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	return entries
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id, index) => checkEndpointId(id, `${label} (entry ${index + 1})`));
}
