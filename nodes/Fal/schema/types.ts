/**
 * The node's field model: what an endpoint takes, field by field. The curated
 * files (curated/*.json) are written in it, in the terms of each endpoint's
 * fal docs page, and every other endpoint's OpenAPI schema is turned into it
 * (openApi.ts), so that one request-body builder and one set of checks serve
 * both.
 */
type FalFieldType =
	| 'string'
	| 'integer'
	| 'float'
	| 'boolean'
	/** A file input: an http(s) URL or a data URI (or, in the node, a binary field of the item). */
	| 'file'
	/**
	 * One of the presets in `enum`, or a custom object of the type `items`
	 * (default `ImageSize`: { width, height }): fal's `anyOf [enum, object]`,
	 * `image_size` above all. Its default may be a preset or an object.
	 */
	| 'image_size'
	/** A list of `items`: the name of an entry in the endpoint's `types`, or `string`. */
	| 'list'
	/** Any other object or array (or a union of shapes), given as JSON. */
	| 'json';

/** What a file input holds, from fal's UI hints or its name; image inputs must be images by their bytes. */
export type FileKind = 'image' | 'video' | 'audio' | 'file';

export type FalDefault =
	string | number | boolean | null | FalDefault[] | { [key: string]: FalDefault };

export interface FalFieldSchema {
	name: string;
	type: FalFieldType;
	description: string;
	/** The schema's own title ("Guidance scale (CFG)"); without one the label comes from the name. */
	title?: string;
	required?: boolean;
	default?: FalDefault;
	enum?: Array<string | number>;
	/**
	 * Values offered but not enforced: fal's `anyOf [enum, string]` (any
	 * aspect ratio, the common ones named) or `anyOf [integer, const "auto"]`
	 * (a number, or one of these words). Strings are taken as they are.
	 */
	presets?: Array<string | number>;
	minimum?: number;
	maximum?: number;
	/** Bounds the value may not reach (JSON Schema's exclusiveMinimum and exclusiveMaximum). */
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	maxLength?: number;
	items?: string;
	/** `file`: what kind of file; image when absent (the curated endpoints take images). */
	fileKind?: FileKind;
	/** `file`: a list of files (`image_urls`), each a URL, a data URI or a binary field. */
	multiple?: boolean;
	/** `json`: the JSON type it must be. */
	jsonType?: 'object' | 'array';
}

/** What a curated endpoint does, as the Operation selector of its Model entry offers it. */
export type CuratedOperation = 'inpaint' | 'imageToImage';

/** A fal endpoint with a curated file: its fields as fal's docs page gives them. */
export interface CuratedEndpoint {
	operation: CuratedOperation;
	endpointId: string;
	title: string;
	docsUrl: string;
	input: FalFieldSchema[];
	/** Names of the top-level fields of the endpoint's output. */
	output: string[];
}

/** An endpoint's fields with the object types they refer to: a curated endpoint or a live schema, alike. */
export interface EndpointFields {
	endpointId: string;
	title: string;
	/** The endpoint's API page on fal.ai, where each field is described. */
	docsUrl: string;
	input: FalFieldSchema[];
	types: Record<string, FalFieldSchema[]>;
}

/** One curated file: the curated endpoints of one entry of the Model selector (Playground v2.5: inpainting and image to image). */
export interface CuratedFile {
	/** The Model selector's value for it. */
	id: string;
	displayName: string;
	endpoints: CuratedEndpoint[];
	/** Object types the inputs refer to (ImageSize, LoraWeight, Embedding). */
	types: Record<string, FalFieldSchema[]>;
}

/** The object type a custom `image_size` takes. */
export const imageSizeTypeOf = (field: FalFieldSchema) => field.items ?? 'ImageSize';
