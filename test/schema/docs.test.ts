/**
 * The endpoint data files are the fal docs pages as data: this holds them to
 * the pages themselves, field by field. The emulator's documents of the same
 * endpoints are written from the pages too (test/emulator/endpoints/seeds/),
 * and are held to them alike, through the node's conversion of a document.
 */
import { CURATED_FILES, curatedEndpointById } from '../../nodes/Fal/schema/curated/index';
import type { CuratedEndpoint, FalFieldSchema } from '../../nodes/Fal/schema/types';
import {
	fieldsFromOpenApi,
	type OpenApiDocument,
	outputFieldsOfOpenApi,
} from '../../nodes/Fal/schema/openApi';
import { findEmulatedEndpoint } from '../emulator';
import { describedAfter, readDocPages } from '../helpers/falDocs';

const pages = readDocPages();
const endpoints: CuratedEndpoint[] = CURATED_FILES.flatMap((model) => model.endpoints);

/** An endpoint's input fields and output names, as one source gives them. */
type FieldsOf = (endpointId: string) => { input: FalFieldSchema[]; output: string[] };

const SOURCES: Array<[string, FieldsOf]> = [
	['the curated data file', (endpointId) => curatedEndpointById(endpointId)!.endpoint],
	[
		"the emulator's document",
		(endpointId) => {
			const document = findEmulatedEndpoint(endpointId)!.document as OpenApiDocument;
			return {
				input: fieldsFromOpenApi(endpointId, document).input,
				output: outputFieldsOfOpenApi(document).map((field) => field.name),
			};
		},
	],
];

it('has one data endpoint per docs page, and no other', () => {
	expect(pages).toHaveLength(5);
	expect(endpoints.map((endpoint) => endpoint.endpointId).sort()).toEqual(
		pages.map((page) => page.endpointId).sort(),
	);
});

/** Each page against each source of fields. */
const CASES = SOURCES.flatMap(([source, fieldsOf]) =>
	pages.map((page) => [page.endpointId, source, page, fieldsOf] as const),
);

describe.each(CASES)('%s, %s', (endpointId, _source, page, fieldsOf) => {
	const endpoint = fieldsOf(endpointId);

	it('has exactly the input fields of the page', () => {
		expect(endpoint.input.map((field) => field.name).sort()).toEqual([...page.fields].sort());
	});

	it('marks required exactly the fields the page marks required', () => {
		for (const field of endpoint.input) {
			expect([field.name, field.required === true]).toEqual([
				field.name,
				page.headers.get(field.name) === true,
			]);
		}
	});

	it("has each description verbatim, in the page's order, with its default and enum", () => {
		let from = 0;
		const positions = endpoint.input.map((field) => {
			const at = page.inputText.indexOf(field.description, from);
			expect([field.name, at >= 0]).toEqual([field.name, true]);
			from = at + field.description.length;
			return at;
		});
		endpoint.input.forEach((field, index) => {
			const segment = page.inputText.slice(
				positions[index] + field.description.length,
				positions[index + 1] ?? undefined,
			);
			const documented = describedAfter(segment);
			const normalise = (value: unknown) =>
				Array.isArray(value) ? value : value === undefined ? undefined : String(value);
			expect([field.name, normalise(field.default)]).toEqual([
				field.name,
				normalise(documented.default),
			]);
			expect([field.name, field.enum?.map(String)]).toEqual([field.name, documented.enum]);
		});
	});

	it("sends the page's example as a valid input: every key a field, every value of its type", () => {
		for (const [key, value] of Object.entries(page.example)) {
			const field = endpoint.input.find((candidate) => candidate.name === key)!;
			expect(field).toBeDefined();
			const expected = {
				string: 'string',
				file: 'string',
				integer: 'number',
				float: 'number',
				boolean: 'boolean',
				list: 'object',
				image_size: 'string',
				json: 'object',
			}[field.type];
			expect([key, typeof value]).toEqual([key, expected]);
		}
	});

	it('lists prompt in the output exactly where the page does', () => {
		expect(endpoint.output.includes('prompt')).toBe(/\bprompt\b/.test(page.outputText));
	});
});
