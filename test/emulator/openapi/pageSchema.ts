/**
 * fal's API pages list an endpoint's schema field by field: a name, a type
 * (`string`, `integer`, `float`, `boolean`, `list<X>`, `ImageSize | Enum`, an
 * enum class such as `FormatEnum`), `*` when it is required, a description,
 * then "Default value: …" and "Possible values: …". `pageObject` writes such
 * a listing as the JSON Schema fal's pydantic models give for it, so that a
 * seed endpoint's module reads like its page and its document has fal's
 * shape: pydantic titles, optional values without a default as
 * `anyOf [X, {type: "null"}]`, `image_size` as `anyOf [$ref ImageSize, enum]`,
 * lists of objects as `$ref`s to components, the page's order as
 * `x-fal-order-properties`. A page gives no numeric ranges, so there are none.
 */
import { imageSizeProperty, nullable, objectSchema, ref, titleOf } from './components';
import type { JsonSchema } from './types';

/** A field's type as the page names it; an enum class (`FormatEnum`) is its values' type with `enum`. */
type PageType =
	| 'string'
	| 'integer'
	| 'float'
	| 'boolean'
	| 'ImageSize | Enum'
	/** fal's timing breakdown: seconds by stage. */
	| 'Timings'
	/** `list<string>`, `list<boolean>`, or a list of a component (`list<LoraWeight>`). */
	| `list<${string}>`;

export interface PageField {
	type: PageType;
	/** The page's `*`. */
	required?: boolean;
	/** Verbatim, without the "Default value" and "Possible values" that follow it; some fields have none. */
	description?: string;
	/** "Default value: …" as a JSON value (`` `` `` is `[]`). */
	default?: unknown;
	/** "Possible values: …": an enum class's values, or the presets of `ImageSize | Enum`. */
	enum?: Array<string | number>;
	/**
	 * A `string` that is the URL of an input image: fal's UI hint (`ui.field`)
	 * says so, and the emulator fetches it before the job runs (endpoints/files.ts).
	 */
	file?: 'image';
}

const PRIMITIVES: Record<string, JsonSchema> = {
	string: { type: 'string' },
	integer: { type: 'integer' },
	float: { type: 'number' },
	boolean: { type: 'boolean' },
};

/** The value's own schema, without title, description or default. */
function valueSchema(field: PageField): JsonSchema {
	if (field.file) return { type: 'string', ui: { field: field.file } };
	if (field.type === 'Timings') return { type: 'object', additionalProperties: { type: 'number' } };
	const list = /^list<(\w+)>$/.exec(field.type);
	if (list) return { type: 'array', items: PRIMITIVES[list[1]] ?? ref(list[1]) };
	const primitive = PRIMITIVES[field.type];
	if (!primitive) throw new Error(`no JSON Schema for the page type ${field.type}`);
	return field.enum ? { enum: field.enum, ...primitive } : primitive;
}

function propertyOf(name: string, field: PageField): JsonSchema {
	const annotations: JsonSchema = {
		title: titleOf(name),
		...(field.description !== undefined ? { description: field.description } : {}),
		...(field.default !== undefined ? { default: field.default } : {}),
	};
	if (field.type === 'ImageSize | Enum') {
		// Without a default the union is nullable: fal infers the size (from the control image).
		return {
			...imageSizeProperty(
				field.description ?? '',
				field.default as string | undefined,
				field.enum,
			),
			...annotations,
		};
	}
	const schema = valueSchema(field);
	// `Optional[X] = None` at fal; a list without a default is still a list.
	if (!field.required && field.default === undefined && schema.type !== 'array')
		return { ...nullable(schema), ...annotations };
	return { ...schema, ...annotations };
}

/** An object schema of a page's fields (an endpoint's Input or Output, or one of its "Other types"), in the page's order. */
export function pageObject(title: string, fields: Record<string, PageField>): JsonSchema {
	return objectSchema(
		title,
		Object.fromEntries(
			Object.entries(fields).map(([name, field]) => [name, propertyOf(name, field)]),
		),
		Object.entries(fields)
			.filter(([, field]) => field.required)
			.map(([name]) => name),
	);
}
