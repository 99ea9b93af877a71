/**
 * The part of OpenAPI 3.0 (and of the JSON Schema inside it) that fal's
 * endpoint documents use, as ../shared/fal-platform.md describes them: what
 * the emulator writes for each endpoint and what its validator reads back.
 */

/** fal's UI hints on a property (or on an array's `items`). */
export interface FalUiHints {
	/** A file input: which kind of file the playground asks for. */
	field?: 'image' | 'video' | 'audio' | 'file';
	/** An API-only field, not shown in the playground. */
	hidden?: boolean;
}

export interface JsonSchema {
	$ref?: string;
	type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
	title?: string;
	description?: string;
	default?: unknown;
	examples?: unknown[];
	enum?: Array<string | number>;
	/** The one value allowed (pydantic's `Literal['auto']` beside another type in a union). */
	const?: string | number | boolean;
	format?: string;
	minimum?: number;
	maximum?: number;
	/** A number in fal's documents (the 3.1 style); OpenAPI 3.0 also allows a flag that makes `minimum` exclusive. */
	exclusiveMinimum?: number | boolean;
	exclusiveMaximum?: number | boolean;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: boolean | JsonSchema;
	items?: JsonSchema;
	anyOf?: JsonSchema[];
	allOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	/** The order in which fal shows an object's properties. */
	'x-fal-order-properties'?: string[];
	ui?: FalUiHints;
	/** The older spelling of `ui.field`, seen on strings and array items. */
	_fal_ui_field?: FalUiHints['field'];
}

/** What fal puts in `info['x-fal-metadata']`. */
interface FalDocumentMetadata {
	endpointId: string;
	category: string;
	thumbnailUrl: string;
	playgroundUrl: string;
	documentationUrl: string;
}

interface MediaContent {
	content: { 'application/json': { schema: JsonSchema } };
}

interface Operation {
	parameters?: Array<{ name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }>;
	requestBody?: { required: boolean } & MediaContent;
	responses: Record<string, { description: string } & MediaContent>;
}

export interface OpenApiDocument {
	openapi: '3.0.4';
	info: {
		title: string;
		version: string;
		description: string;
		'x-fal-metadata': FalDocumentMetadata;
	};
	components: {
		securitySchemes: Record<
			string,
			{ type: 'apiKey'; in: 'header'; name: string; description: string }
		>;
		schemas: Record<string, JsonSchema>;
	};
	paths: Record<string, Partial<Record<'get' | 'put' | 'post', Operation>>>;
	servers: Array<{ url: string }>;
	security: Array<Record<string, string[]>>;
}
