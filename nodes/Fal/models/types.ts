/**
 * The shape of the endpoint data files beside this one: each is one fal model,
 * written in the terms of its fal docs page (field names are fal's own).
 */
export type FalFieldType =
	| 'string'
	| 'integer'
	| 'float'
	| 'boolean'
	/** A file input: an http(s) URL or a data URI. */
	| 'file'
	/** One of `enum`, or a custom `ImageSize` object ({ width, height }). */
	| 'image_size'
	/** A list of `items`: the name of an entry in the model's `types`, or `string`. */
	| 'list';

export interface FalFieldSchema {
	name: string;
	type: FalFieldType;
	description: string;
	required?: boolean;
	default?: string | number | boolean | string[];
	enum?: Array<string | number>;
	minimum?: number;
	maximum?: number;
	items?: string;
}

export type FalOperation = 'inpaint' | 'imageToImage';

export interface FalEndpointSchema {
	operation: FalOperation;
	endpointId: string;
	title: string;
	docsUrl: string;
	input: FalFieldSchema[];
	/** Names of the top-level fields of the endpoint's output. */
	output: string[];
}

export interface FalModelSchema {
	id: string;
	displayName: string;
	endpoints: FalEndpointSchema[];
	/** Object types the inputs refer to (ImageSize, LoraWeight, Embedding). */
	types: Record<string, FalFieldSchema[]>;
}
