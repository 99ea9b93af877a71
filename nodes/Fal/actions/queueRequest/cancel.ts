import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import { cancelQueuedRequest } from '../../transport/queue';
import type { ItemOperation } from '../operation';
import { onQueue, queueTargetOf } from './requestRef';

/** Queue Request → Cancel: fal cancels a request that has not finished (a queued one costs nothing). */
export const cancel: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a fal request',
		description: 'Ask fal to cancel a request that has not finished',
	},
	// The request it names is the resource's (requestRef.ts).
	properties: [],
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const target = queueTargetOf(context, itemIndex);
		const answer = await onQueue(
			context,
			itemIndex,
			target,
			async () => await cancelQueuedRequest(connection, target),
		);
		return [
			{
				json: {
					requestId: target.requestId,
					endpoint: target.endpointId,
					status: answer,
					cancelled: answer === 'CANCELLATION_REQUESTED',
				},
			},
		];
	},
};
