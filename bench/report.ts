/**
 * Numbers and the final table: each row compares a value with a baseline
 * measured in the same run, and says whether the issue's target is met.
 */

export interface Row {
	measure: string;
	value: string;
	baseline: string;
	ratio: string;
	target: string;
	/** undefined: no target (informational), or the measurement failed. */
	ok?: boolean;
	/** A target's machine-readable line: its name and the value compared with `target`. */
	check?: { name: string; value: string };
}

export interface Section {
	rows: Row[];
	/** The raw numbers behind the rows, printed as they are measured. */
	raw: Record<string, unknown>;
}

export function median(values: number[]): number {
	return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1];
}

export function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
export const seconds = (valueMs: number): string => `${(valueMs / 1000).toFixed(2)} s`;
export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const ratio = (value: number, digits = 2): string =>
	Number.isFinite(value) ? `${value.toFixed(digits)}` : '-';

export function printRaw(raw: Record<string, unknown>): void {
	for (const [name, value] of Object.entries(raw)) {
		console.log(`  ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
	}
}

function okText(row: Row): string {
	if (row.ok === undefined) return row.target === '-' ? '-' : '?';
	return row.ok ? 'yes' : 'NO';
}

export function formatTable(rows: Row[]): string {
	const header = ['measure', 'value', 'baseline', 'ratio', 'target', 'ok'];
	const cells = rows.map((row) => [
		row.measure,
		row.value,
		row.baseline,
		row.ratio,
		row.target,
		okText(row),
	]);
	const widths = header.map((title, column) =>
		Math.max(title.length, ...cells.map((line) => line[column].length)),
	);
	const line = (values: string[]) =>
		`| ${values.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
	const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
	return [line(header), rule, ...cells.map(line)].join('\n');
}

/** `target: <name> = <value> (<comparison> <bound>) ok`, or `... MISSED`: one line per target, for scripts and CI logs. */
export function targetLine(row: Row): string | undefined {
	if (row.ok === undefined || !row.check) return undefined;
	const [, comparison = '', bound = row.target] = /^(<=|>=|=|<|>)\s*(.*)$/.exec(row.target) ?? [];
	return `target: ${row.check.name} = ${row.check.value} (${comparison ? `${comparison} ` : ''}${bound}) ${row.ok ? 'ok' : 'MISSED'}`;
}
