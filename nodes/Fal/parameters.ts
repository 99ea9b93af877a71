/**
 * The names of the node's own parameters (the endpoint fields carry fal's
 * names, see fields/names.ts) and the options every action reads. Kept apart
 * from description.ts so that actions and the description can both import
 * them without importing each other.
 */

export const RESOURCE_PARAMETER = 'resource';
export const MODEL_PARAMETER = 'model';
export const OPERATION_PARAMETER = 'operation';
export const NODE_OPTIONS_PARAMETER = 'nodeOptions';

export type Resource = 'generation' | 'queueRequest' | 'file' | 'model' | 'account' | 'workflow';
export const DEFAULT_RESOURCE: Resource = 'generation';

/** The model choice for any fal endpoint that has no data file here ("Any fal Endpoint"). */
export const OTHER_MODEL = 'other';
/** Version 1: the endpoint as an ID. Version 2: the Endpoint resource locator. */
export const ENDPOINT_ID_PARAMETER = 'endpointId';
export const ENDPOINT_PARAMETER = 'endpoint';
/** Version 2: typed fields (the resource mapper) or JSON. */
export const INPUT_MODE_PARAMETER = 'inputMode';
export const INPUT_FIELDS_PARAMETER = 'inputFields';
export const INPUT_JSON_PARAMETER = 'inputJson';
export const FILES_PARAMETER = 'files';

export const WAIT_PARAMETER = 'waitForCompletion';
export const WEBHOOK_URL_PARAMETER = 'webhookUrl';

export const REQUEST_ID_PARAMETER = 'requestId';
export const INCLUDE_LOGS_PARAMETER = 'includeLogs';

export const UPLOAD_BINARY_PARAMETER = 'binaryPropertyName';

export type QueueOperation = 'getStatus' | 'getResult' | 'cancel' | 'verifyWebhook';

/** Queue Request → Verify Webhook: where the raw body is, and the headers. */
export const RAW_BODY_SOURCE_PARAMETER = 'rawBodySource';
export const RAW_BODY_FIELD_PARAMETER = 'rawBodyBinaryField';
export const RAW_BODY_PARAMETER = 'rawBody';
export const WEBHOOK_HEADERS_PARAMETER = 'webhookHeaders';

/** Workflow → Run: the fal workflow, as `user/name` (a resource locator). */
export const WORKFLOW_PARAMETER = 'workflow';

export interface NodeOptions {
	/** Download Files (named for its first meaning: saved workflows keep it). */
	downloadImages?: boolean;
	binaryPropertyPrefix?: string;
	maxDownloadMb?: number;
	maxWaitSeconds?: number;
	pollIntervalMs?: number;
	statusMode?: 'stream' | 'poll';
	/** Unset: Auto (execution/concurrency.ts), up to maxConcurrency. */
	concurrency?: number;
	maxConcurrency?: number;
	maxRetries?: number;
	retryDelayMs?: number;
	/** Generation: the execution's estimated cost may not pass it (unset: no ceiling). */
	maxCostUsd?: number;
	/** Generation: what an estimate that cannot be made means under a ceiling. */
	unknownCost?: 'refuse' | 'run';
	/** fal's queue options (fal-platform.md); unset ones are not sent. */
	startTimeoutSeconds?: number;
	queuePriority?: 'normal' | 'low';
	keepPayloads?: boolean;
	outputLifetimeSeconds?: number;
	maxQueueLength?: number;
}
