/**
 * The node's curated data files (nodes/Fal/models/*.json) against the
 * emulator's documents of the same endpoints, which the emulator writes from
 * fal's API pages (test/emulator/endpoints/seeds/). Each document, turned
 * into the node's field model by the node's own conversion
 * (`fieldsFromOpenApi`), must give the curated endpoint field by field: names
 * and order, type, required, default, enum, description, file kind, the
 * object types its lists and sizes refer to, and the output's fields. So a
 * curated file that disagrees with fal's page fails here, pages at hand or
 * not (docs.test.ts holds both to the pages themselves).
 *
 * Not compared: titles, which the pages do not give (the emulator writes
 * pydantic's, the node labels curated fields by name), and numeric bounds:
 * the pages give none, so the documents have none, while the curated files
 * keep conservative bounds of their own (their `$comment` says so). A bound
 * may be on the curated side only; one a document has, the curated field
 * must have too.
 */
import { CURATED_FILES } from '../../nodes/Fal/schema/curated/index';
import type { FalFieldSchema } from '../../nodes/Fal/schema/types';
import {
	fieldsFromOpenApi,
	type OpenApiDocument,
	outputFieldsOfOpenApi,
} from '../../nodes/Fal/schema/openApi';
import { findEmulatedEndpoint } from '../emulator';

/** What fal's page says of a field, in the node's terms. */
function asOnThePage(field: FalFieldSchema) {
	return {
		name: field.name,
		type: field.type,
		required: field.required === true,
		default: field.default,
		enum: field.enum,
		description: field.description,
		// The object type of a list or a size: a curated `image_size` names none when it is ImageSize.
		items: field.type === 'image_size' ? (field.items ?? 'ImageSize') : field.items,
		// A curated file without a kind is an image.
		fileKind: field.type === 'file' ? (field.fileKind ?? 'image') : undefined,
		multiple: field.multiple === true,
		jsonType: field.jsonType,
	};
}

/**
 * The bounds a field gives, as the values they let through: a whole number
 * "more than 0" is one "at least 1", however each side writes it.
 */
function boundsOf(field: FalFieldSchema): Record<string, number> {
	const whole = field.type === 'integer';
	const lower =
		field.minimum ??
		(field.exclusiveMinimum !== undefined && whole ? field.exclusiveMinimum + 1 : undefined);
	const upper =
		field.maximum ??
		(field.exclusiveMaximum !== undefined && whole ? field.exclusiveMaximum - 1 : undefined);
	return Object.fromEntries(
		Object.entries({
			lowest: lower,
			highest: upper,
			above: whole ? undefined : field.exclusiveMinimum,
			below: whole ? undefined : field.exclusiveMaximum,
			longest: field.maxLength,
		}).filter((entry): entry is [string, number] => entry[1] !== undefined),
	);
}

/**
 * The curated fields against the documented ones (fal's page, through the
 * emulator): the same names in the same order, each the same. Keyed by name,
 * so that a failure names the field.
 */
function expectSameFields(curated: FalFieldSchema[], documented: FalFieldSchema[]): void {
	expect(curated.map((field) => field.name)).toEqual(documented.map((field) => field.name));
	curated.forEach((field, index) => {
		const page = documented[index];
		expect({ [field.name]: asOnThePage(field) }).toEqual({ [page.name]: asOnThePage(page) });
		const documentedBounds = boundsOf(page);
		for (const [bound, value] of Object.entries(documentedBounds))
			expect({ [field.name]: { [bound]: boundsOf(field)[bound] } }).toEqual({
				[page.name]: { [bound]: value },
			});
	});
}

const curatedEndpoints = CURATED_FILES.flatMap((model) =>
	model.endpoints.map((endpoint) => [endpoint.endpointId, model, endpoint] as const),
);

test('the emulator runs every curated endpoint', () => {
	const missing = curatedEndpoints.filter(([endpointId]) => !findEmulatedEndpoint(endpointId));
	expect(missing.map(([endpointId]) => endpointId)).toEqual([]);
});

describe.each(curatedEndpoints)('%s', (endpointId, model, endpoint) => {
	const document = findEmulatedEndpoint(endpointId)!.document as OpenApiDocument;
	const documented = fieldsFromOpenApi(endpointId, document);

	test("has the input fields of the emulator's document, each as the document gives it", () => {
		expectSameFields(endpoint.input, documented.input);
	});

	test('refers to the object types of the document, each with its fields', () => {
		const referenced = [
			...new Set(
				endpoint.input
					.map((field) => asOnThePage(field).items)
					.filter((name): name is string => name !== undefined && name !== 'string'),
			),
		];
		expect([...referenced].sort()).toEqual(Object.keys(documented.types).sort());
		for (const name of referenced) {
			expect(model.types[name]).toBeDefined();
			expectSameFields(model.types[name], documented.types[name]);
		}
	});

	test("lists the output fields of the document's result, in its order", () => {
		expect(endpoint.output).toEqual(outputFieldsOfOpenApi(document).map((field) => field.name));
	});
});
