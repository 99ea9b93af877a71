import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { connectToFal, type FalConnection } from '../transport/request';
import { NODE_OPTION_DEFAULTS, type NodeOptionValues } from './options/nodeOptions';
import { retryPolicyOf } from './retryPolicy';

/**
 * The one way the node reaches fal: the credential read once, requests
 * retried under the Node Options' retry settings (the defaults where there
 * are none, as in the editor), stopped by the execution's cancel.
 */
export async function openConnection(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	options: Pick<NodeOptionValues, 'maxRetries' | 'retryDelayMs'> = NODE_OPTION_DEFAULTS,
): Promise<FalConnection> {
	return await connectToFal(context, retryPolicyOf(context, options));
}

/** The same connection with another execution's retry settings (the first runnable item's). */
export function withRetrySettings(
	connection: FalConnection,
	options: Pick<NodeOptionValues, 'maxRetries' | 'retryDelayMs'>,
): FalConnection {
	return { ...connection, retries: retryPolicyOf(connection.context, options) };
}
