import type { Resource } from '../operation';
import { cancel } from './cancel';
import { getResult } from './getResult';
import { getStatus } from './getStatus';
import { requestRefProperties } from './requestRef';
import { verifyWebhook } from './verifyWebhook';

/** Queue Request: a request submitted earlier, by its request ID; and fal's webhook calls, checked. */
export const queueRequest: Resource = {
	option: {
		name: 'Queue Request',
		value: 'queueRequest',
		description: 'Check, fetch or cancel a request submitted earlier, by its request ID',
	},
	// In the order a request goes through them, not by name.
	operations: [getStatus, getResult, cancel, verifyWebhook],
	keepOperationOrder: true,
	defaultOperation: 'getResult',
	properties: requestRefProperties,
};
