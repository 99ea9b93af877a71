import type { IExecuteFunctions } from 'n8n-workflow';
import { backoff, isTransientNetworkError, networkReason, retryDelayMs, type RetryPolicy, TRANSIENT_STATUSES } from './retry';

/** n8n's httpRequest answer with returnFullResponse. */
interface DownloadResponse {
	body: Buffer | ArrayBuffer;
	headers: Record<string, string | undefined>;
	statusCode: number;
	statusMessage?: string;
}

/**
 * Downloads a file of fal's (an output image on its CDN) with n8n's HTTP
 * helper, so n8n's proxy and TLS settings apply, retrying passing faults
 * under the same policy as the fal client's requests.
 */
export async function downloadFile(context: IExecuteFunctions, url: string, policy: RetryPolicy): Promise<{ bytes: Buffer; contentType?: string }> {
	for (let retry = 0; ; retry++) {
		const answer = await context.helpers
			.httpRequest({
				method: 'GET',
				url,
				encoding: 'arraybuffer',
				json: false,
				returnFullResponse: true,
				// Statuses are judged below: a 503 is retried, a 404 is not.
				ignoreHttpStatusErrors: true,
			})
			.then(
				(response) => ({ response: response as DownloadResponse }),
				(error: unknown) => ({ error }),
			);
		if ('error' in answer) {
			const { error } = answer;
			if (retry >= policy.maxRetries || policy.cancelSignal?.aborted || !isTransientNetworkError(error)) throw error;
			await backoff(policy, { route: 'download', retry: retry + 1, delayMs: retryDelayMs(retry, policy), reason: networkReason(error) }, policy.cancelSignal);
			continue;
		}
		const { response } = answer;
		const { statusCode, headers } = response;
		if (statusCode < 300) {
			const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
			return { bytes, contentType: headers['content-type']?.split(';')[0] };
		}
		if (retry >= policy.maxRetries || !TRANSIENT_STATUSES.has(statusCode)) {
			throw new Error(`Downloading ${url} failed: HTTP ${statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''}`);
		}
		await backoff(policy, { route: 'download', retry: retry + 1, delayMs: retryDelayMs(retry, policy, headers['retry-after']), reason: String(statusCode) }, policy.cancelSignal);
	}
}
