import type { FalFieldSchema } from './types';

/**
 * How the node names a fal field to its users: labels made of fal's field
 * names (`num_inference_steps` → "Number of Inference Steps"), or fal's own
 * titles where a schema has them. The editor's fields and the errors that
 * name a field say the same thing.
 */

const WORDS: Record<string, string> = {
	num: 'Number of',
	url: 'URL',
	cfg: 'CFG',
	nsfw: 'NSFW',
	lora: 'LoRA',
	loras: 'LoRAs',
	controlnet: 'ControlNet',
	id: 'ID',
};

/** `num_inference_steps` → "Number of Inference Steps"; `LoraWeight` → "LoRA Weight". */
export function labelOf(name: string): string {
	return name
		.replace(/([a-z])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.split('_')
		.filter(Boolean)
		.map((word) => WORDS[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** A field's label: the schema's own title where it has one (as on fal's pages), else one made of its name. */
export function labelOfField(field: FalFieldSchema): string {
	return field.title ?? labelOf(field.name);
}

/** "Number of Inference Steps (num_inference_steps)": how errors name a field. */
export function nameOf(field: FalFieldSchema): string {
	return `${labelOfField(field)} (${field.name})`;
}
