/**
 * The node against the fal docs pages themselves: every documented input is a
 * field of the node, and what each doc example sends is what the node sends
 * for the same choices.
 */
import { type INodeParameters, type INodeProperties, NodeHelpers } from 'n8n-workflow';
import { Fal } from '../../nodes/Fal/Fal.node';
import { curatedEndpointById } from '../../nodes/Fal/schema/curated/index';
import type { CuratedEndpoint } from '../../nodes/Fal/schema/types';
import { type DocPage, readDocPages } from '../helpers/falDocs';
import { useEmulator } from './fixtures';

const { description } = new Fal();
const pages = readDocPages();
const byEndpoint = pages.map((page) => [page.endpointId, page] as [string, DocPage]);

/** The node's visible top-level properties for an endpoint, with file fields set to URL to reveal those too. */
function visibleProperties(endpoint: CuratedEndpoint, values: INodeParameters): INodeProperties[] {
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description),
	);
}

function selection(endpointId: string): INodeParameters {
	const { model, endpoint } = curatedEndpointById(endpointId)!;
	const values: INodeParameters = {
		resource: 'generation',
		model: model.id,
		operation: endpoint.operation,
	};
	for (const field of endpoint.input)
		if (field.type === 'file') values[`${field.name}_input`] = 'url';
	return values;
}

describe.each(byEndpoint)('%s: every documented input is a node field', (endpointId, page) => {
	const { endpoint } = curatedEndpointById(endpointId)!;
	const visible = visibleProperties(endpoint, selection(endpointId));
	const topLevel = new Map(visible.map((property) => [property.name, property]));
	const options = visible.find((property) => property.name === 'options');
	const inOptions = new Map(
		((options?.options ?? []) as INodeProperties[]).map((property) => [property.name, property]),
	);

	test.each([...page.fields])('%s', (name) => {
		const field = endpoint.input.find((candidate) => candidate.name === name)!;
		const property = topLevel.get(name) ?? inOptions.get(name);
		expect(property).toBeDefined();
		// Required fields on top, the rest in Options.
		expect(topLevel.has(name)).toBe(page.headers.get(name) === true);
		// The page's own description.
		expect(page.inputText).toContain(property!.description!);
		if (field.type === 'file') {
			expect(topLevel.get(`${name}_input`)?.default).toBe('binary');
			return;
		}
		if (field.default !== undefined) {
			const expected =
				field.type === 'list'
					? field.items === 'string'
						? (field.default as string[]).join(', ')
						: {}
					: field.default;
			expect(property!.default).toEqual(expected);
		}
		if (field.enum) {
			const values = (property!.options as Array<{ value: unknown }>).map((option) => option.value);
			expect(values.filter((value) => value !== 'custom')).toEqual(field.enum);
		}
	});
});

/** The node parameters a user sets to send a doc example: URLs for files, Options for the rest. */
function parametersFor(endpointId: string, example: Record<string, unknown>): INodeParameters {
	const { endpoint } = curatedEndpointById(endpointId)!;
	const parameters: INodeParameters = { ...selection(endpointId), options: {} };
	const options = parameters.options as INodeParameters;
	for (const [name, value] of Object.entries(example)) {
		const field = endpoint.input.find((candidate) => candidate.name === name)!;
		if (field.required) parameters[name] = value as string;
		else if (field.type === 'list')
			options[name] = (value as unknown[]).length ? { values: value as INodeParameters[] } : {};
		else options[name] = value as string;
	}
	return parameters;
}

describe('what each doc example sends is what the node sends', () => {
	const { emulator, run } = useEmulator();

	test.each(byEndpoint)('%s', async (endpointId, page) => {
		// The examples' images are on the internet, which the emulator does not
		// fetch: fal gets the request, then fails it. The request is the point.
		const { items } = await run({
			parameters: parametersFor(endpointId, page.example),
			continueOnFail: true,
		});
		const [job] = emulator().jobs();
		expect(job.endpointId).toBe(endpointId);
		expect(job.input).toEqual(page.example);
		expect(items[0].json.error).toMatchObject({
			requestId: job.requestId,
			message: expect.stringMatching(/file_download_error/),
		});
	});
});
