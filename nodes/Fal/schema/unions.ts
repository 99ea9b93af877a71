import type { JsonSchema, Resolver } from './jsonSchema';
import { bounds } from './jsonSchema';
import type { FalFieldSchema } from './types';

/**
 * fal's unions (`anyOf`), each read as one field: a nullable value (`anyOf
 * [X, {type: null}]`, pydantic's `Optional[X]`), a preset or an object
 * (`image_size`), a preset or any value of a type (`aspect_ratio`, a number
 * or "auto"). Any other union stays a union, given as JSON.
 */

/** The schema under a nullable union (`anyOf: [X, {type: null}]`) or a one-member `allOf`, resolved. */
export function unwrap(
	raw: JsonSchema,
	resolver: Resolver,
): { schema: JsonSchema; refName?: string } {
	let schema = raw;
	const union = raw.anyOf ?? raw.oneOf;
	if (union) {
		const members = union.filter((member) => member.type !== 'null');
		if (members.length === 1)
			schema = { ...members[0], default: raw.default ?? members[0].default };
	} else if (raw.allOf?.length === 1) {
		schema = { ...raw.allOf[0], default: raw.default };
	}
	const refName = resolver.refName(schema);
	return { schema: resolver.resolve(schema), refName };
}

/** A union's members other than `{type: "null"}`, resolved. */
function nonNullMembers(
	raw: JsonSchema,
	resolver: Resolver,
): Array<{ member: JsonSchema; schema: JsonSchema }> {
	return (raw.anyOf ?? raw.oneOf ?? [])
		.filter((member) => member.type !== 'null')
		.map((member) => ({ member, schema: resolver.resolve(member) }));
}

/** The fixed values a union member allows (`enum`, or `const`), if it allows only those. */
function fixedValues(schema: JsonSchema): Array<string | number> | undefined {
	if (schema.enum) return schema.enum;
	return typeof schema.const === 'string' || typeof schema.const === 'number'
		? [schema.const]
		: undefined;
}

/**
 * `anyOf: [{$ref: ImageSize}, {enum: [...], type: string}]` (nullable or not):
 * a preset, or an object of that type. An object written in place is named
 * after its title, else after the field.
 */
export function presetOrObject(
	name: string,
	raw: JsonSchema,
	resolver: Resolver,
): { presets: string[]; typeName: string; object: JsonSchema } | undefined {
	const members = nonNullMembers(raw, resolver);
	if (members.length !== 2) return undefined;
	const presets = members.find(({ schema }) => schema.type === 'string' && schema.enum);
	const object = members.find(
		(entry) => entry !== presets && entry.schema.type === 'object' && entry.schema.properties,
	);
	if (!presets || !object) return undefined;
	const typeName =
		resolver.refName(object.member) ?? object.schema.title?.replace(/\W/g, '') ?? `${name}_object`;
	return { presets: (presets.schema.enum ?? []).map(String), typeName, object: object.schema };
}

/**
 * `anyOf: [{enum: ["21:9", "16:9", ...]}, {type: string}]` or `anyOf:
 * [{type: integer}, {const: "auto"}]`: one value of a plain type, the fixed
 * ones offered as presets.
 */
export function presetOrAny(
	raw: JsonSchema,
	resolver: Resolver,
):
	| Pick<
			FalFieldSchema,
			| 'type'
			| 'presets'
			| 'minimum'
			| 'maximum'
			| 'exclusiveMinimum'
			| 'exclusiveMaximum'
			| 'maxLength'
	  >
	| undefined {
	const members = nonNullMembers(raw, resolver);
	const free = members.filter(({ schema }) => !fixedValues(schema));
	const fixed = members.flatMap(({ schema }) => fixedValues(schema) ?? []);
	if (free.length !== 1 || fixed.length === 0) return undefined;
	const [{ schema }] = free;
	const presets = [...new Set(fixed)];
	if (schema.type === 'string')
		return {
			type: 'string',
			presets,
			...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
		};
	if (schema.type === 'integer' || schema.type === 'number')
		return { type: schema.type === 'integer' ? 'integer' : 'float', presets, ...bounds(schema) };
	return undefined;
}
