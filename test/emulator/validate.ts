import {
	defaultOf,
	inputSchemaOf,
	isFileObject,
	isNullable,
	nonNullBranches,
	propertyOrder,
	resolve,
} from './openapi/schema';
import type { JsonSchema, OpenApiDocument } from './openapi/types';

/** One entry of fal's 422 body, `{"detail": [...]}` (pydantic's shape). */
export interface FieldError {
	loc: Array<string | number>;
	msg: string;
	type: string;
}

type Loc = FieldError['loc'];
type Input = Record<string, unknown>;

interface Check {
	document: OpenApiDocument;
	errors: FieldError[];
}

function describeEnum(values: Array<string | number>): string {
	const quoted = values.map((value) => `'${value}'`);
	return quoted.length > 1
		? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
		: quoted[0];
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function checkNumber(schema: JsonSchema, value: unknown, loc: Loc, errors: FieldError[]): void {
	const integer = schema.type === 'integer';
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		errors.push(
			integer
				? { loc, msg: 'Input should be a valid integer', type: 'int_type' }
				: { loc, msg: 'Input should be a valid number', type: 'float_type' },
		);
		return;
	}
	if (integer && !Number.isInteger(value)) {
		errors.push({
			loc,
			msg: 'Input should be a valid integer, got a number with a fractional part',
			type: 'int_from_float',
		});
		return;
	}
	// fal writes exclusive bounds as numbers (3.1 style); OpenAPI 3.0's boolean flags are read too.
	const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
	if (minimum !== undefined) {
		if (exclusiveMinimum === true && value <= minimum)
			errors.push({ loc, msg: `Input should be greater than ${minimum}`, type: 'greater_than' });
		if (exclusiveMinimum !== true && value < minimum)
			errors.push({
				loc,
				msg: `Input should be greater than or equal to ${minimum}`,
				type: 'greater_than_equal',
			});
	}
	if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) {
		errors.push({
			loc,
			msg: `Input should be greater than ${exclusiveMinimum}`,
			type: 'greater_than',
		});
	}
	if (maximum !== undefined) {
		if (exclusiveMaximum === true && value >= maximum)
			errors.push({ loc, msg: `Input should be less than ${maximum}`, type: 'less_than' });
		if (exclusiveMaximum !== true && value > maximum)
			errors.push({
				loc,
				msg: `Input should be less than or equal to ${maximum}`,
				type: 'less_than_equal',
			});
	}
	if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) {
		errors.push({ loc, msg: `Input should be less than ${exclusiveMaximum}`, type: 'less_than' });
	}
}

function checkString(schema: JsonSchema, value: unknown, loc: Loc, errors: FieldError[]): void {
	if (typeof value !== 'string') {
		errors.push({ loc, msg: 'Input should be a valid string', type: 'string_type' });
		return;
	}
	if (schema.minLength !== undefined && value.length < schema.minLength) {
		errors.push({
			loc,
			msg: `String should have at least ${plural(schema.minLength, 'character')}`,
			type: 'string_too_short',
		});
	}
	if (schema.maxLength !== undefined && value.length > schema.maxLength) {
		errors.push({
			loc,
			msg: `String should have at most ${plural(schema.maxLength, 'character')}`,
			type: 'string_too_long',
		});
	}
}

function checkArray(schema: JsonSchema, value: unknown, loc: Loc, check: Check): void {
	if (!Array.isArray(value)) {
		check.errors.push({ loc, msg: 'Input should be a valid list', type: 'list_type' });
		return;
	}
	if (schema.minItems !== undefined && value.length < schema.minItems) {
		check.errors.push({
			loc,
			msg: `List should have at least ${plural(schema.minItems, 'item')} after validation, not ${value.length}`,
			type: 'too_short',
		});
	}
	if (schema.maxItems !== undefined && value.length > schema.maxItems) {
		check.errors.push({
			loc,
			msg: `List should have at most ${plural(schema.maxItems, 'item')} after validation, not ${value.length}`,
			type: 'too_long',
		});
	}
	const items = schema.items;
	if (items) value.forEach((item, index) => checkValue(items, item, [...loc, index], check));
}

/** An object's fields in fal's order (`x-fal-order-properties`); unknown fields are ignored, as fal ignores them. */
function checkObject(schema: JsonSchema, value: unknown, loc: Loc, check: Check): void {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		check.errors.push({
			loc,
			msg: 'Input should be a valid dictionary or object to extract fields from',
			type: 'model_attributes_type',
		});
		return;
	}
	for (const name of propertyOrder(schema)) {
		const property = schema.properties?.[name];
		const required = schema.required?.includes(name) ?? false;
		const field = (value as Input)[name];
		if (field === undefined || field === null) {
			// A null where null is allowed is a value; elsewhere it counts as absent.
			if (required && !(field === null && property && isNullable(property))) {
				check.errors.push({ loc: [...loc, name], msg: 'Field required', type: 'missing' });
			}
			continue;
		}
		if (property) checkValue(property, field, [...loc, name], check);
	}
}

function jsonKindOf(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'object' : typeof value;
}

function branchTakes(check: Check, branch: JsonSchema, kind: string): boolean {
	const schema = resolve(check.document, branch);
	const type =
		schema.type ??
		(schema.enum ? (typeof schema.enum[0] === 'number' ? 'integer' : 'string') : undefined);
	if (type === 'integer' || type === 'number') return kind === 'number';
	return type === kind || (type === undefined && schema.allOf !== undefined);
}

/**
 * A union: the branch of the value's JSON type is the one that judges it (an
 * object against the `ImageSize` branch, a string against the preset enum),
 * else the first branch, as pydantic's smart mode reports it.
 */
function checkUnion(schema: JsonSchema, value: unknown, loc: Loc, check: Check): void {
	const branches = nonNullBranches(schema);
	if (branches.length === 1) return checkValue(branches[0], value, loc, check);
	const kind = jsonKindOf(value);
	const candidates = branches.filter((branch) => branchTakes(check, branch, kind));
	let first: FieldError[] | undefined;
	for (const branch of candidates.length > 0 ? candidates : branches.slice(0, 1)) {
		const errors: FieldError[] = [];
		checkValue(branch, value, loc, { ...check, errors }, true);
		if (errors.length === 0) return;
		first ??= errors;
	}
	check.errors.push(...(first ?? []));
}

function checkValue(
	schema: JsonSchema,
	value: unknown,
	loc: Loc,
	check: Check,
	inUnion = false,
): void {
	if (schema.$ref) return checkValue(resolve(check.document, schema), value, loc, check, inUnion);
	if (schema.anyOf) return checkUnion(schema, value, loc, check);
	if (schema.allOf) {
		// An old-style File input: fal takes its URL in its place.
		if (
			typeof value === 'string' &&
			schema.allOf.length === 1 &&
			isFileObject(check.document, schema.allOf[0])
		)
			return;
		for (const part of schema.allOf) checkValue(part, value, loc, check);
		return;
	}
	if (schema.const !== undefined) {
		if (value !== schema.const)
			check.errors.push({
				loc,
				msg: `Input should be ${describeEnum([String(schema.const)])}`,
				type: 'literal_error',
			});
		return;
	}
	if (schema.enum) {
		// Compared as text: the Hyper SDXL page documents its step enum both as
		// "1" (default) and as 1 (example). A preset enum in a union (image_size)
		// is an Enum class at fal (type 'enum'); elsewhere a Literal.
		if (!schema.enum.some((allowed) => String(allowed) === String(value))) {
			check.errors.push({
				loc,
				msg: `Input should be ${describeEnum(schema.enum)}`,
				type: inUnion ? 'enum' : 'literal_error',
			});
		}
		return;
	}
	switch (schema.type) {
		case 'string':
			return checkString(schema, value, loc, check.errors);
		case 'boolean':
			if (typeof value !== 'boolean')
				check.errors.push({ loc, msg: 'Input should be a valid boolean', type: 'bool_type' });
			return;
		case 'integer':
		case 'number':
			return checkNumber(schema, value, loc, check.errors);
		case 'array':
			return checkArray(schema, value, loc, check);
		case 'object':
			return checkObject(schema, value, loc, check);
	}
}

/**
 * Checks an input against the endpoint's OpenAPI input schema, as fal's
 * pydantic models would: missing required fields, types, enums, ranges,
 * lengths, nested objects and lists, `$ref`/`anyOf`/`allOf` followed. Errors
 * come in the schema's field order. File fields are only checked to be strings
 * here; whether they load is checked when the job runs (endpoints/files.ts).
 */
export function validateInput(document: OpenApiDocument, input: unknown): FieldError[] {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }];
	}
	const check: Check = { document, errors: [] };
	checkObject(inputSchemaOf(document), input, ['body'], check);
	return check.errors;
}

/** The value of a field, or the default its input schema declares. */
export function valueOrDefault<T>(
	document: OpenApiDocument,
	input: Input,
	name: string,
): T | undefined {
	if (input[name] !== undefined && input[name] !== null) return input[name] as T;
	return defaultOf(document, name) as T | undefined;
}
