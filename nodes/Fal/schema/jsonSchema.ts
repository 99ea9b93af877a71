import type { FalDefault, FalFieldSchema } from './types';

/**
 * The part of JSON Schema that fal's documents use, and the resolving of its
 * `$ref`s: what schema/openApi.ts, properties.ts and unions.ts read.
 */

/** The part of JSON Schema fal's documents use. */
export interface JsonSchema {
	$ref?: string;
	type?: string;
	title?: string;
	description?: string;
	default?: FalDefault;
	enum?: Array<string | number>;
	const?: string | number | boolean;
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number | boolean;
	exclusiveMaximum?: number | boolean;
	maxLength?: number;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	anyOf?: JsonSchema[];
	allOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	nullable?: boolean;
	ui?: { field?: string; hidden?: boolean };
	_fal_ui_field?: string;
	'x-fal-order-properties'?: string[];
}

/** Where `$ref`s point: an OpenAPI document's components, or a JSON Schema's `$defs`/`definitions`. */
export interface Definitions {
	components?: { schemas?: Record<string, JsonSchema> };
}

export class Resolver {
	constructor(private readonly document: Definitions) {}

	/** A `$ref`'s target (followed as far as it goes), or the schema itself. */
	resolve(schema: JsonSchema, seen = new Set<string>()): JsonSchema {
		if (!schema.$ref) return schema;
		if (seen.has(schema.$ref)) throw new Error(`circular $ref ${schema.$ref}`);
		seen.add(schema.$ref);
		const target = this.document.components?.schemas?.[this.refName(schema)!];
		if (!target) throw new Error(`the document has no ${schema.$ref}`);
		// The referring schema's own keywords (title, description, default) win over the target's.
		const own: JsonSchema = { ...schema };
		delete own.$ref;
		return this.resolve({ ...target, ...own, $ref: target.$ref }, seen);
	}

	/** The name a `$ref` points at: OpenAPI's components, or JSON Schema's `$defs`/`definitions`. */
	refName(schema: JsonSchema): string | undefined {
		return schema.$ref?.replace(/^#\/(?:components\/schemas|\$defs|definitions)\//, '');
	}
}

/** A number's bounds in the field model: inclusive, or exclusive as JSON Schema says. */
export function bounds(schema: JsonSchema): Partial<FalFieldSchema> {
	const out: Partial<FalFieldSchema> = {};
	if (schema.minimum !== undefined) out.minimum = schema.minimum;
	if (schema.maximum !== undefined) out.maximum = schema.maximum;
	// OpenAPI 3.0's boolean form qualifies minimum/maximum; 3.1's numeric form stands alone.
	if (typeof schema.exclusiveMinimum === 'number') out.exclusiveMinimum = schema.exclusiveMinimum;
	else if (schema.exclusiveMinimum === true && schema.minimum !== undefined)
		[out.exclusiveMinimum, out.minimum] = [schema.minimum, undefined];
	if (typeof schema.exclusiveMaximum === 'number') out.exclusiveMaximum = schema.exclusiveMaximum;
	else if (schema.exclusiveMaximum === true && schema.maximum !== undefined)
		[out.exclusiveMaximum, out.maximum] = [schema.maximum, undefined];
	return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined));
}
