/**
 * The time window of the usage, analytics and request-history routes:
 * `start` and `end` (ISO 8601; by default the last 24 hours), `timezone`
 * (IANA, default UTC) and `timeframe`, the size of a time series' buckets
 * (chosen from the window's length when absent). Buckets start on the
 * timeframe's boundary in that time zone (weeks on Mondays) and are named
 * by that start, with its UTC offset: `2026-08-01T14:00:00+02:00`.
 */
import { QueryError, validationError } from './answers';

const TIMEFRAMES = ['minute', 'hour', 'day', 'week', 'month'] as const;
type Timeframe = (typeof TIMEFRAMES)[number];

export interface TimeWindow {
	start: number;
	end: number;
	timezone: string;
	timeframe: Timeframe;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function instant(query: URLSearchParams, name: string, fallback: number): number {
	const text = query.get(name);
	if (text === null || text === '') return fallback;
	const value = Date.parse(text);
	if (Number.isNaN(value))
		throw new QueryError(validationError(`${name} must be an ISO 8601 date-time, got ${text}`));
	return value;
}

/**
 * The emulator's choice where fal's is not documented: minutes up to 2 hours,
 * hours up to 3 days, days up to 90 days, weeks up to a year, then months.
 */
function automaticTimeframe(span: number): Timeframe {
	if (span <= 2 * HOUR) return 'minute';
	if (span <= 3 * DAY) return 'hour';
	if (span <= 90 * DAY) return 'day';
	return span <= 365 * DAY ? 'week' : 'month';
}

/** `start`, `end`, `timezone`, `timeframe`, checked. Throws QueryError. */
export function timeWindow(query: URLSearchParams, now: number): TimeWindow {
	const end = instant(query, 'end', now);
	const start = instant(query, 'start', end - DAY);
	if (start > end) throw new QueryError(validationError('start must not be after end'));
	const timezone = query.get('timezone') || 'UTC';
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: timezone });
	} catch {
		throw new QueryError(
			validationError(
				`timezone must be an IANA time zone (Europe/Paris, UTC, ...), got ${timezone}`,
			),
		);
	}
	const timeframeText = query.get('timeframe');
	if (timeframeText && !(TIMEFRAMES as readonly string[]).includes(timeframeText)) {
		throw new QueryError(
			validationError(`timeframe must be one of ${TIMEFRAMES.join(', ')}, got ${timeframeText}`),
		);
	}
	return {
		start,
		end,
		timezone,
		timeframe: (timeframeText as Timeframe | null) || automaticTimeframe(end - start),
	};
}

export function inWindow(at: number, window: TimeWindow): boolean {
	return at >= window.start && at <= window.end;
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetMinutes(at: number, timezone: string): number {
	const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
		.formatToParts(at)
		.find((part) => part.type === 'timeZoneName')?.value;
	const match = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name ?? '');
	return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

function offsetText(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const absolute = Math.abs(minutes);
	return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

export interface Bucket {
	/** Its start, as an instant (for ordering). */
	start: number;
	/** Its start as fal names it: local time in the window's zone, with the offset. */
	label: string;
}

/** The bucket an instant falls in. */
function bucketOf(at: number, window: Pick<TimeWindow, 'timeframe' | 'timezone'>): Bucket {
	// The local wall-clock time, held in a Date's UTC fields.
	const local = new Date(at + offsetMinutes(at, window.timezone) * 60_000);
	local.setUTCSeconds(0, 0);
	if (window.timeframe !== 'minute') local.setUTCMinutes(0);
	if (window.timeframe === 'day' || window.timeframe === 'week' || window.timeframe === 'month')
		local.setUTCHours(0);
	if (window.timeframe === 'week')
		local.setUTCDate(local.getUTCDate() - ((local.getUTCDay() + 6) % 7));
	if (window.timeframe === 'month') local.setUTCDate(1);
	// Back to an instant with the offset in force then (it may differ across a DST change).
	const guess = local.getTime() - offsetMinutes(at, window.timezone) * 60_000;
	const offset = offsetMinutes(guess, window.timezone);
	return {
		start: local.getTime() - offset * 60_000,
		label: `${local.toISOString().slice(0, 19)}${offsetText(offset)}`,
	};
}

/** Items grouped by bucket, in time order. */
export function bucketed<T>(
	items: T[],
	at: (item: T) => number,
	window: TimeWindow,
): Array<{ bucket: Bucket; items: T[] }> {
	const groups = new Map<number, { bucket: Bucket; items: T[] }>();
	for (const item of items) {
		const bucket = bucketOf(at(item), window);
		const group = groups.get(bucket.start) ?? { bucket, items: [] };
		group.items.push(item);
		groups.set(bucket.start, group);
	}
	return [...groups.values()].sort((a, b) => a.bucket.start - b.bucket.start);
}
