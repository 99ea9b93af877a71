import { cancelQueuedRequest } from '../../transport/queue';
import type { ItemOperation } from '../operation';
import { onQueue, queueTargetOf } from './target';

/** Queue Request → Cancel: fal cancels a request that has not finished (a queued one costs nothing). */
export const cancel: ItemOperation = {
	kind: 'item',
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
