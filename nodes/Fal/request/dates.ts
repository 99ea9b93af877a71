import * as n8nWorkflow from 'n8n-workflow';
import { FieldInputError } from './fieldInputError';

/**
 * A date parameter as fal's Platform API takes it (ISO 8601): an n8n date
 * (`$now`, `$today.minus({ days: 1 })`, a Date/Time field) or any ISO text.
 * Text without an offset is read in the workflow's timezone, as n8n reads it.
 */

type DateParser = (value: unknown, defaultZone?: string) => { toUTC(): { toISO(): string | null } };

export function isoDateOf(value: unknown, label: string, timezone: string): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	const parse = (n8nWorkflow as { tryToParseDateTime?: DateParser }).tryToParseDateTime;
	try {
		const iso = parse
			? parse(typeof value === 'string' ? value.trim() : value, timezone)
					.toUTC()
					.toISO()
			: fallbackIso(value);
		if (iso) return iso;
	} catch {
		// Worded below.
	}
	const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : typeof value;
	throw new FieldInputError(
		label,
		`${shown} is not a date; give an ISO date such as 2026-11-01 or 2026-11-01T08:00:00Z, or an n8n date such as {{ $today.minus({ days: 1 }) }}`,
	);
}

/** n8n releases without tryToParseDateTime: Dates, Luxon DateTimes (by their toISO) and ISO text. */
function fallbackIso(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	const toIso = (value as { toISO?: () => string | null })?.toISO;
	const text = typeof toIso === 'function' ? toIso.call(value) : String(value);
	const time = text ? Date.parse(text) : Number.NaN;
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
