// The one place that imports @fal-ai/client: the package's single, deliberate
// runtime dependency (see README, "Why one runtime dependency").
import { ApiError, createFalClient, isRetryableError, ValidationError } from '@fal-ai/client';
import type { FalClient, InQueueQueueStatus, QueueStatus, RequestLog } from '@fal-ai/client';

export { ApiError, isRetryableError, ValidationError };
export type { FalClient, InQueueQueueStatus, QueueStatus, RequestLog };

/** The fields of the `falApi` credential. */
export interface FalCredentials {
	apiKey: string;
	/** A fal server proxy; empty means talk to fal directly. */
	proxyUrl?: string;
}

/**
 * Builds a client for one execution from the credential. Never the global `fal`
 * singleton (process-wide config would leak keys between workflows) and never
 * FAL_KEY from the environment: the credential is the only source of the key.
 * With `retryingFetch` (see retryingFetch.ts) the requests are retried there,
 * and the client's own retries are off wherever they can be turned off.
 */
export function createFalClientFromCredentials(credentials: FalCredentials, options: { retryingFetch?: typeof fetch } = {}): FalClient {
	const apiKey = credentials.apiKey.trim();
	const proxyUrl = credentials.proxyUrl?.trim();
	return createFalClient({
		credentials: apiKey,
		suppressLocalCredentialsWarning: true,
		...(options.retryingFetch ? { fetch: options.retryingFetch, retry: { maxRetries: 0 } } : {}),
		// 'always': the default proxies only in browsers, and n8n is a server.
		...(proxyUrl ? { proxyUrl: { url: proxyUrl, when: 'always' as const } } : {}),
	});
}
