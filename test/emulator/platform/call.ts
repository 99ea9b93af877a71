/**
 * What a Platform API handler is given (the request, already authorised, and
 * the emulator's state), and how the routes that report on jobs read them:
 * which jobs an `endpoint_id` names and how each one ended.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Job } from '../queue';
import { appIdOf } from '../routes';
import type { FalEmulatorSettings } from '../settings';
import type { FileStore } from '../storage';
import type { Answer } from './answers';

/** The emulator's state, as the Platform API sees it. */
export interface PlatformData {
	readonly settings: FalEmulatorSettings;
	/** Every job, in submission order. */
	jobs(): Job[];
	readonly store: FileStore;
	/** Payload deletions' answers by Idempotency-Key (forgotten by reset()). */
	readonly idempotentAnswers: Map<string, Answer>;
}

export interface PlatformCall {
	query: URLSearchParams;
	/** The path's parameters (a request id; a workflow's user and name). */
	params: string[];
	headers: IncomingHttpHeaders;
	/** The caller's key. */
	apiKey: string;
	/** The JSON body; throws QueryError (400) when it is not JSON. */
	body(): Promise<unknown>;
	data: PlatformData;
	now: number;
}

export type Handler = (call: PlatformCall) => Answer | Promise<Answer>;

/** Whether an `endpoint_id` names this endpoint: its full id, or its app (owner/alias) for every endpoint under it. */
export function namesEndpoint(endpointId: string, asked: string): boolean {
	return asked === endpointId || asked === appIdOf(endpointId);
}

/** How the request history and analytics class a finished job: by its status code. */
export type Outcome = 'success' | 'user_error' | 'error';

export function outcomeOf(status: number): Outcome {
	if (status >= 200 && status < 300) return 'success';
	return status >= 500 ? 'error' : 'user_error';
}
