import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Reads the fal docs pages (shared/fal-docs, beside the repo in CI). The pages
 * are copied text in three layouts, some with field headers lost; this reads
 * what each still says: field names (headers, example keys), which are
 * required, and the text around each description (defaults, enums).
 */
const FAL_DOCS_DIR = process.env.FAL_DOCS_DIR ?? resolve(__dirname, '../../../shared/fal-docs');

const TYPE = String.raw`(?:string|integer|float|boolean|list<\w+>|ImageSize \| Enum|[A-Z]\w*Enum)`;
const COMPACT_HEADER = new RegExp(String.raw`^([a-z_]+?)(\*?)${TYPE}$`); // image_url*string
const SPACED_HEADER = new RegExp(String.raw`^([a-z_]+) ${TYPE}(\* required)?$`); // image_url string* required
const NAME_LINE = /^([a-z_]+)$/; // image_url / string / * required...
const TYPE_LINE = new RegExp(String.raw`^${TYPE}$`);

export interface DocPage {
	file: string;
	endpointId: string;
	/** Field names seen in the Input section: headers, example keys, the image_size note. */
	fields: Set<string>;
	/** Fields whose header survived, with whether it says required. */
	headers: Map<string, boolean>;
	/** The Input section, whitespace folded, without the example JSON. */
	inputText: string;
	example: Record<string, unknown>;
	outputText: string;
}

function section(lines: string[], start: RegExp, end: RegExp): string[] {
	const from = lines.findIndex((line) => start.test(line));
	const to = lines.findIndex((line, index) => index > from && end.test(line));
	return lines.slice(from + 1, to < 0 ? undefined : to);
}

function readDocPage(file: string): DocPage {
	const text = readFileSync(join(FAL_DOCS_DIR, file), 'utf8');
	// Some pages put a no-break space between a field's name and its type.
	const lines = text.split('\n').map((line) => line.replace(/\u00a0/g, ' ').trim());
	// The id as the page's code calls it: "fal-ai/owner-model/path" in quotes.
	const endpointId = /"(fal-ai\/[\w.-]+(?:\/[\w.-]+)*)"/.exec(text)![1];
	const input = section(lines, /^Input#?$/, /^Output#?$/);
	const output = section(lines, /^Output#?$/, /^Other types#?$/);

	const exampleStart = input.indexOf('{');
	const exampleEnd = input.indexOf('}', exampleStart);
	const example = JSON.parse(input.slice(exampleStart, exampleEnd + 1).join('\n')) as Record<
		string,
		unknown
	>;
	const prose = input.slice(0, exampleStart);

	const headers = new Map<string, boolean>();
	prose.forEach((line, index) => {
		const compact = COMPACT_HEADER.exec(line);
		const spaced = SPACED_HEADER.exec(line);
		if (compact) headers.set(compact[1], compact[2] === '*');
		else if (spaced) headers.set(spaced[1], spaced[2] !== undefined);
		else if (NAME_LINE.test(line) && TYPE_LINE.test(prose[index + 1] ?? '')) {
			headers.set(line, (prose[index + 2] ?? '').startsWith('* required'));
		}
	});
	const noteKeys = [...prose.join('\n').matchAll(/^"([a-z_]+)": \{$/gm)].map((match) => match[1]);
	return {
		file,
		endpointId,
		fields: new Set([...headers.keys(), ...Object.keys(example), ...noteKeys]),
		headers,
		inputText: prose.join(' ').replace(/\s+/g, ' '),
		example,
		outputText: output.join(' '),
	};
}

export function readDocPages(): DocPage[] {
	if (!existsSync(FAL_DOCS_DIR)) {
		throw new Error(
			`The fal docs pages are not at ${FAL_DOCS_DIR}: put shared/ beside the repo (as CI does) or set FAL_DOCS_DIR.`,
		);
	}
	return readdirSync(FAL_DOCS_DIR)
		.filter((file) => file.endsWith('.txt'))
		.sort()
		.map(readDocPage);
}

/** "Default value: X" → X as a value: "" → '', `` → [], numbers, booleans, bare or quoted words. */
function parseDocDefault(token: string): unknown {
	if (token === '``') return [];
	if (/^".*"$/.test(token)) return token.slice(1, -1);
	if (token === 'true' || token === 'false') return token === 'true';
	if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
	return token;
}

/** The documented default and enum in the text that follows a field's description. */
export function describedAfter(segment: string): { default?: unknown; enum?: string[] } {
	const found: { default?: unknown; enum?: string[] } = {};
	const defaultMatch = /Default value: (\S+)/.exec(segment);
	if (defaultMatch) found.default = parseDocDefault(defaultMatch[1]);
	const enumMatch = /Possible (?:enum )?values: ((?:"?[\w.]+"?, )*"?[\w.]+"?)/.exec(segment);
	if (enumMatch) found.enum = enumMatch[1].split(', ').map((value) => value.replace(/"/g, ''));
	return found;
}
