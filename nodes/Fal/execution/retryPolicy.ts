import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import type { NodeOptions } from './options/nodeOptions';
import type { RetryPolicy } from '../transport/retry';

/** Older n8n has no cancel signal; newer aborts it when the execution is stopped. The editor's option loading has none. */
export function executionCancelSignal(
	context: IExecuteFunctions | ILoadOptionsFunctions,
): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context &&
		typeof context.getExecutionCancelSignal === 'function'
		? context.getExecutionCancelSignal()
		: undefined;
}

/** The node's retry settings for this execution: stopped by its cancel signal, retries logged. */
export function retryPolicyOf(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	options: Required<Pick<NodeOptions, 'maxRetries' | 'retryDelayMs'>>,
): RetryPolicy {
	return {
		maxRetries: options.maxRetries,
		baseDelayMs: options.retryDelayMs,
		cancelSignal: executionCancelSignal(context),
		onRetry: ({ route, retry, delayMs, reason }) =>
			context.logger.warn(
				`fal.ai: ${route} request failed (${reason}); retry ${retry} of ${options.maxRetries} in ${Math.round(delayMs)} ms`,
			),
	};
}
