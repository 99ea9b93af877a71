import { bounds, type JsonSchema, type Resolver } from './jsonSchema';
import type { FalFieldSchema, FileKind } from './types';
import { presetOrAny, presetOrObject, unwrap } from './unions';

/**
 * An object schema's properties as the node's fields, one by one: its type,
 * required, default, enum and bounds; files by fal's UI hints and names;
 * lists of objects with their object types kept in `types`.
 */

/** An object schema's fields in fal's display order, API-only ones left out. */
export function objectFields(
	schema: JsonSchema,
	resolver: Resolver,
	types: Record<string, FalFieldSchema[]>,
): FalFieldSchema[] {
	const properties = schema.properties ?? {};
	const order = schema['x-fal-order-properties'] ?? [];
	const names = [
		...order.filter((name) => name in properties),
		...Object.keys(properties).filter((name) => !order.includes(name)),
	];
	const required = new Set(schema.required ?? []);
	return names.flatMap((name) => {
		const property = properties[name];
		if (property.ui?.hidden) return [];
		return [fieldOf(name, property, required.has(name), resolver, types)];
	});
}

const FILE_KINDS: readonly FileKind[] = ['image', 'video', 'audio', 'file'];

function fieldOf(
	name: string,
	raw: JsonSchema,
	required: boolean,
	resolver: Resolver,
	types: Record<string, FalFieldSchema[]>,
): FalFieldSchema {
	const { schema, refName } = unwrap(raw, resolver);
	const common: FalFieldSchema = {
		name,
		type: 'json',
		description: (raw.description ?? schema.description ?? '').trim(),
		...((raw.title ?? schema.title) ? { title: raw.title ?? schema.title } : {}),
		...(required ? { required: true } : {}),
		...(raw.default !== undefined
			? { default: raw.default }
			: schema.default !== undefined
				? { default: schema.default }
				: {}),
	};
	const fileKind = fileKindOf(name, raw, schema, resolver);
	const presetUnion = presetOrObject(name, raw, resolver);
	if (presetUnion) {
		types[presetUnion.typeName] ??= objectFields(presetUnion.object, resolver, types);
		return {
			...common,
			type: 'image_size',
			enum: presetUnion.presets,
			items: presetUnion.typeName,
		};
	}
	const openPresets = presetOrAny(raw, resolver);
	if (openPresets) return { ...common, ...openPresets };
	if (schema.type === 'array') {
		const items = resolver.resolve(schema.items ?? {});
		const itemsKind = fileKindOf(name.replace(/s$/, ''), schema.items ?? {}, items, resolver);
		if (itemsKind && (items.type === 'string' || isFileObject(items)))
			return { ...common, type: 'file', fileKind: itemsKind, multiple: true };
		if (items.type === 'string') return { ...common, type: 'list', items: 'string' };
		const itemRef = resolver.refName(schema.items ?? {});
		if (itemRef && items.type === 'object' && items.properties) {
			types[itemRef] ??= objectFields(items, resolver, types);
			return { ...common, type: 'list', items: itemRef };
		}
		return { ...common, jsonType: 'array' };
	}
	if (fileKind) return { ...common, type: 'file', fileKind };
	switch (schema.type) {
		case 'string':
			return {
				...common,
				type: 'string',
				...(schema.enum ? { enum: schema.enum } : {}),
				...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
			};
		case 'integer':
		case 'number':
			return {
				...common,
				type: schema.type === 'integer' ? 'integer' : 'float',
				...(schema.enum ? { enum: schema.enum } : {}),
				...bounds(schema),
			};
		case 'boolean':
			return { ...common, type: 'boolean' };
		default:
			// Objects, unions of several shapes, anything untyped: JSON, checked by fal.
			return { ...common, ...(schema.type === 'object' || refName ? { jsonType: 'object' } : {}) };
	}
}

/**
 * Whether (and what kind of) a file a field takes: fal's UI hint (`ui.field`,
 * `_fal_ui_field`), an old-style File object, or a URL field's name.
 */
function fileKindOf(
	name: string,
	raw: JsonSchema,
	schema: JsonSchema,
	resolver: Resolver,
): FileKind | undefined {
	const hint = raw.ui?.field ?? raw._fal_ui_field ?? schema.ui?.field ?? schema._fal_ui_field;
	if (hint && (FILE_KINDS as readonly string[]).includes(hint)) return hint as FileKind;
	const isUrlString = schema.type === 'string' && !schema.enum && /_urls?$/.test(name);
	if (!isUrlString && !isFileObject(resolver.resolve(schema))) return undefined;
	if (/image|mask|control|reference|photo|face|style/.test(name)) return 'image';
	if (/video/.test(name)) return 'video';
	if (/audio|speech|voice|music|sound/.test(name)) return 'audio';
	return 'file';
}

/** fal's File object (`{url, content_type, file_name, ...}`), which older schemas take as a file input. */
function isFileObject(schema: JsonSchema): boolean {
	return (
		schema.type === 'object' &&
		Boolean(schema.properties?.url) &&
		Boolean(schema.properties?.content_type ?? schema.properties?.file_name)
	);
}
