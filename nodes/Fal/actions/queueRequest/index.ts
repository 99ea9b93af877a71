import type { Operation } from '../operation';
import { cancel } from './cancel';
import { getResult } from './getResult';
import { getStatus } from './getStatus';
import { verifyWebhook } from './verifyWebhook';

export { QUEUE_OPERATIONS, queueRequestDescription } from './description';

export const queueRequest: Record<string, Operation> = {
	getStatus,
	getResult,
	cancel,
	verifyWebhook,
};
