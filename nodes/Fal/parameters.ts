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

export type Resource = 'generation' | 'queueRequest' | 'file';
export const DEFAULT_RESOURCE: Resource = 'generation';

/** The model choice for any fal endpoint that has no data file here. */
export const OTHER_MODEL = 'other';
export const ENDPOINT_ID_PARAMETER = 'endpointId';
export const INPUT_JSON_PARAMETER = 'inputJson';
export const FILES_PARAMETER = 'files';

export const WAIT_PARAMETER = 'waitForCompletion';
export const WEBHOOK_URL_PARAMETER = 'webhookUrl';

export const REQUEST_ID_PARAMETER = 'requestId';
export const INCLUDE_LOGS_PARAMETER = 'includeLogs';

export const UPLOAD_BINARY_PARAMETER = 'binaryPropertyName';

export type QueueOperation = 'getStatus' | 'getResult' | 'cancel';

export interface NodeOptions {
	downloadImages?: boolean;
	binaryPropertyPrefix?: string;
	maxWaitSeconds?: number;
	pollIntervalMs?: number;
	statusMode?: 'stream' | 'poll';
	concurrency?: number;
	maxRetries?: number;
	retryDelayMs?: number;
}
