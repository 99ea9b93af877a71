/**
 * "Any fal Endpoint" (node version 2) as tests set it up and check it: the
 * parameters the editor saves for typed fields, and what the Fields of
 * fal-ai/nano-banana/edit must be wherever they are asked for (n8n's engine,
 * a real n8n's REST route).
 */
import type { INodeParameters, ResourceMapperField } from 'n8n-workflow';

export function anyEndpointParameters(
	endpointId: string,
	values: Record<string, unknown>,
	nodeOptions: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'generation',
		model: 'other',
		endpoint: { __rl: true, mode: 'list', value: endpointId },
		inputFields: { mappingMode: 'defineBelow', value: values, matchingColumns: [], schema: [] },
		nodeOptions,
	} as INodeParameters;
}

/** The typed Fields of fal-ai/nano-banana/edit, from the emulator's document of it. */
export function expectEditEndpointFields(fields: ResourceMapperField[]): void {
	const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
	expect(byId.prompt).toMatchObject({ type: 'string', required: true });
	expect(byId.image_urls).toMatchObject({
		type: 'string',
		required: true,
		displayName: 'Image URLs (URLs or binary fields)',
	});
	expect(byId.num_images).toMatchObject({ type: 'number', defaultValue: 1 });
	expect(byId.output_format).toMatchObject({ type: 'options', defaultValue: 'png' });
	// API-only (ui.hidden) fields are not offered.
	expect(byId.sync_mode).toBeUndefined();
}

/**
 * The Fields parameter as n8n's editor saves it for a freshly chosen endpoint
 * (its ResourceMapper's setDefaultFieldValues): every field the mapper does not
 * hide holds its `defaultValue` (false for a boolean without one, else null),
 * hidden ones null, and the fields themselves saved as the schema. Then the
 * user's own values on top.
 */
function editorFieldsValue(
	fields: ResourceMapperField[],
	set: Record<string, unknown> = {},
): Record<string, unknown> {
	const value: Record<string, unknown> = {};
	for (const field of fields)
		value[field.id] = field.removed
			? null
			: (field.defaultValue ?? (field.type === 'boolean' ? false : null));
	const schema = fields.map((field) => (field.id in set ? { ...field, removed: false } : field));
	return {
		mappingMode: 'defineBelow',
		value: { ...value, ...set },
		matchingColumns: [],
		schema,
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

/** Any fal Endpoint's parameters with the Fields as the editor saves them. */
export function editorParameters(
	endpointId: string,
	fields: ResourceMapperField[],
	set: Record<string, unknown> = {},
	nodeOptions: INodeParameters = {},
): INodeParameters {
	return {
		...anyEndpointParameters(endpointId, {}, nodeOptions),
		inputFields: editorFieldsValue(fields, set),
	} as INodeParameters;
}
