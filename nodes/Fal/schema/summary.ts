import type { IDataObject } from 'n8n-workflow';
import type { FalFieldSchema } from './types';

/**
 * Fields summarised for Model → Get and Workflow → Get: name, type,
 * required, default, allowed values, range, description. One plain object
 * per field, ready for a table.
 */
export function summariseFields(fields: FalFieldSchema[]): IDataObject[] {
	return fields.map((field) => {
		const range = [
			field.minimum ?? field.exclusiveMinimum,
			field.maximum ?? field.exclusiveMaximum,
		];
		return {
			name: field.name,
			type: typeOf(field),
			required: field.required === true,
			...(field.default !== undefined ? { default: field.default } : {}),
			...(field.enum ? { enum: field.enum } : {}),
			...(field.presets ? { presets: field.presets } : {}),
			...(range[0] !== undefined || range[1] !== undefined
				? { range: `${range[0] ?? ''}..${range[1] ?? ''}` }
				: {}),
			...(field.description ? { description: field.description } : {}),
		} as IDataObject;
	});
}

function typeOf(field: FalFieldSchema): string {
	switch (field.type) {
		case 'file':
			return `${field.multiple ? 'list of ' : ''}${field.fileKind ?? 'image'} file${field.multiple ? 's' : ''} (URL)`;
		case 'image_size':
			return 'image size (preset, or width and height)';
		case 'list':
			return `list of ${field.items ?? 'values'}`;
		case 'json':
			return field.jsonType ?? 'json';
		case 'float':
			return 'number';
		default:
			return field.type;
	}
}
