import type { FalEndpointSchema, FalFieldSchema, FalModelSchema } from '../../nodes/Fal/models';

/** One entry of fal's 422 body, `{"detail": [...]}` (pydantic's shape). */
export interface FieldError {
	loc: Array<string | number>;
	msg: string;
	type: string;
}

type Input = Record<string, unknown>;

function describeEnum(values: Array<string | number>): string {
	const quoted = values.map((value) => `'${value}'`);
	return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : quoted[0];
}

function checkNumber(field: FalFieldSchema, value: unknown, loc: FieldError['loc'], errors: FieldError[]): void {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		errors.push(
			field.type === 'integer'
				? { loc, msg: 'Input should be a valid integer', type: 'int_type' }
				: { loc, msg: 'Input should be a valid number', type: 'float_type' },
		);
		return;
	}
	if (field.type === 'integer' && !Number.isInteger(value)) {
		errors.push({ loc, msg: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float' });
		return;
	}
	if (field.minimum !== undefined && value < field.minimum) {
		errors.push({ loc, msg: `Input should be greater than or equal to ${field.minimum}`, type: 'greater_than_equal' });
	}
	if (field.maximum !== undefined && value > field.maximum) {
		errors.push({ loc, msg: `Input should be less than or equal to ${field.maximum}`, type: 'less_than_equal' });
	}
}

function checkObject(fields: FalFieldSchema[], value: unknown, loc: FieldError['loc'], model: FalModelSchema, errors: FieldError[]): void {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		errors.push({ loc, msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' });
		return;
	}
	checkFields(fields, value as Input, loc, model, errors);
}

function checkField(field: FalFieldSchema, value: unknown, loc: FieldError['loc'], model: FalModelSchema, errors: FieldError[]): void {
	if (field.enum && field.type !== 'image_size') {
		// Compared as text: the Hyper SDXL page documents its step enum both as
		// "1" (default) and as 1 (example).
		if (!field.enum.some((allowed) => String(allowed) === String(value))) {
			errors.push({ loc, msg: `Input should be ${describeEnum(field.enum)}`, type: 'literal_error' });
		}
		return;
	}
	switch (field.type) {
		case 'string':
		case 'file':
			if (typeof value !== 'string') errors.push({ loc, msg: 'Input should be a valid string', type: 'string_type' });
			return;
		case 'boolean':
			if (typeof value !== 'boolean') errors.push({ loc, msg: 'Input should be a valid boolean', type: 'bool_type' });
			return;
		case 'integer':
		case 'float':
			checkNumber(field, value, loc, errors);
			return;
		case 'image_size':
			if (typeof value === 'string') {
				if (!field.enum?.includes(value)) {
					errors.push({ loc, msg: `Input should be ${describeEnum(field.enum ?? [])}`, type: 'enum' });
				}
				return;
			}
			checkObject(model.types.ImageSize ?? [], value, loc, model, errors);
			return;
		case 'list': {
			if (!Array.isArray(value)) {
				errors.push({ loc, msg: 'Input should be a valid list', type: 'list_type' });
				return;
			}
			value.forEach((item, index) => {
				if (field.items === 'string') {
					if (typeof item !== 'string') errors.push({ loc: [...loc, index], msg: 'Input should be a valid string', type: 'string_type' });
				} else {
					checkObject(model.types[field.items ?? ''] ?? [], item, [...loc, index], model, errors);
				}
			});
			return;
		}
	}
}

function checkFields(fields: FalFieldSchema[], input: Input, loc: FieldError['loc'], model: FalModelSchema, errors: FieldError[]): void {
	for (const field of fields) {
		const value = input[field.name];
		const fieldLoc = [...loc, field.name];
		if (value === undefined || value === null) {
			if (field.required) errors.push({ loc: fieldLoc, msg: 'Field required', type: 'missing' });
			continue;
		}
		checkField(field, value, fieldLoc, model, errors);
	}
}

/**
 * Checks an input against the endpoint's documented schema, as fal's pydantic
 * models would: missing required fields, types, enums, ranges, nested objects.
 * Unknown fields are ignored, as fal ignores them. File fields are only checked
 * to be strings here; whether they load is checked when the job runs.
 */
export function validateInput(model: FalModelSchema, endpoint: FalEndpointSchema, input: unknown): FieldError[] {
	const errors: FieldError[] = [];
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }];
	}
	checkFields(endpoint.input, input as Input, ['body'], model, errors);
	return errors;
}

/** The value of a field, or its documented default. */
export function valueOrDefault<T>(endpoint: FalEndpointSchema, input: Input, name: string): T | undefined {
	if (input[name] !== undefined && input[name] !== null) return input[name] as T;
	return endpoint.input.find((field) => field.name === name)?.default as T | undefined;
}
