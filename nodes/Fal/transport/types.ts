/**
 * fal's queue answers, as ../shared/fal-protocol.md gives them (and as
 * @fal-ai/client types them). Only what the node reads.
 */

/** The fields of the `falApi` credential. */
export interface FalCredentials {
	apiKey: string;
	/** A fal server proxy; empty means talk to fal directly. */
	proxyUrl?: string;
}

interface RequestLog {
	message: string;
	level: string;
	source: string;
	timestamp: string;
}

interface StatusCommon {
	request_id?: string;
	response_url?: string;
	status_url?: string;
	cancel_url?: string;
}

interface InQueueStatus extends StatusCommon {
	status: 'IN_QUEUE';
	queue_position: number;
}

interface InProgressStatus extends StatusCommon {
	status: 'IN_PROGRESS';
	logs?: RequestLog[] | null;
}

interface CompletedStatus extends StatusCommon {
	status: 'COMPLETED';
	logs?: RequestLog[] | null;
	metrics?: { inference_time?: number | null };
}

export type QueueStatus = InQueueStatus | InProgressStatus | CompletedStatus;

/** fal's answer to a submission: the request id and the URLs of its status, result and cancel. */
export interface SubmittedRequest extends StatusCommon {
	status: 'IN_QUEUE';
	request_id: string;
	queue_position?: number;
}

/**
 * A request in fal's queue, as the status, result and cancel routes need it.
 * `urls`: the submission answer's own (`status_url`, `response_url`,
 * `cancel_url`), which fal workflows must be followed by (fal-platform.md:
 * do not build them); without them the URLs are built as @fal-ai/client
 * builds them.
 */
export interface QueueRef {
	endpointId: string;
	requestId: string;
	urls?: { status: string; response: string; cancel: string };
}

/** One entry of a 422's `detail`: which input field, and what is wrong with it. */
export interface FieldError {
	loc: Array<string | number>;
	msg: string;
	type?: string;
}
