/**
 * fal's queue request headers and parameters (fal-platform.md, "Queue request
 * headers and parameters"), read from a submission as the emulator honours
 * them: the scheduler (scheduler.ts) and the Platform API (platform/) act on
 * what is read here. Values fal would not understand are ignored rather than
 * refused: fal's answer to them is not documented.
 */

export interface QueueOptions {
	/** `X-Fal-Queue-Priority`: a low job starts after every waiting normal job of its key. */
	priority: 'normal' | 'low';
	/** `X-Fal-Request-Timeout` (seconds): not started by then, the job never runs and its result is a 504. */
	startTimeoutSeconds?: number;
	/** `X-Fal-Store-IO: 0` makes this false: the request history never shows the job's input and output. */
	storeIo: boolean;
	/** `X-Fal-Object-Lifecycle-Preference` `expiration_duration_seconds`: how long the job's output files are served. */
	objectLifetimeSeconds?: number;
	/** `X-Fal-No-Retry: 1`: recorded only, the emulator never retries a job itself. */
	noRetry: boolean;
}

const TRUE_VALUES = new Set(['1', 'true', 'yes']);
const FALSE_VALUES = new Set(['0', 'false', 'no']);

function positiveNumber(text: string | undefined): number | undefined {
	if (text === undefined || text.trim() === '') return undefined;
	const value = Number(text);
	return Number.isFinite(value) && value > 0 ? value : undefined;
}

function lifetimeOf(text: string | undefined): number | undefined {
	if (!text) return undefined;
	try {
		const seconds = (JSON.parse(text) as { expiration_duration_seconds?: unknown })
			.expiration_duration_seconds;
		return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
			? seconds
			: undefined;
	} catch {
		return undefined;
	}
}

/** The options of a submission, from its headers (lower-cased names). */
export function queueOptionsOf(headers: Record<string, string>): QueueOptions {
	const startTimeoutSeconds = positiveNumber(headers['x-fal-request-timeout']);
	const objectLifetimeSeconds = lifetimeOf(headers['x-fal-object-lifecycle-preference']);
	return {
		priority: headers['x-fal-queue-priority']?.trim().toLowerCase() === 'low' ? 'low' : 'normal',
		...(startTimeoutSeconds === undefined ? {} : { startTimeoutSeconds }),
		storeIo: !FALSE_VALUES.has(headers['x-fal-store-io']?.trim().toLowerCase() ?? ''),
		...(objectLifetimeSeconds === undefined ? {} : { objectLifetimeSeconds }),
		noRetry: TRUE_VALUES.has(headers['x-fal-no-retry']?.trim().toLowerCase() ?? ''),
	};
}

/** `?fal_max_queue_length=N`: a whole number, or undefined when absent or not one. */
export function maxQueueLengthOf(query: URLSearchParams): number | undefined {
	const text = query.get('fal_max_queue_length');
	return text !== null && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}
