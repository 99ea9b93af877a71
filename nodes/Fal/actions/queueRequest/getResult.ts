import { readNodeOptions } from '../../execution/options';
import { resultItem } from '../../helpers/outputFiles';
import { notFinishedError } from '../../transport/errors';
import { fetchResult, fetchStatus } from '../../transport/queue';
import type { ItemOperation } from '../operation';
import { onQueue, queueTargetOf } from './target';

/** Queue Request → Get Result: a finished request's output, its files as binary, as a run that waits returns it. */
export const getResult: ItemOperation = {
	kind: 'item',
	async execute(context, itemIndex, connection) {
		const target = queueTargetOf(context, itemIndex);
		const options = readNodeOptions(context, itemIndex);
		return await onQueue(context, itemIndex, target, async () => {
			const status = await fetchStatus(connection, target, false);
			if (status.status !== 'COMPLETED')
				throw notFinishedError(context.getNode(), status, { itemIndex, ...target });
			const output = await fetchResult(connection, target);
			return [
				await resultItem(
					context,
					output,
					{ ...target, itemIndex },
					{ ...options, retries: connection.retries },
				),
			];
		});
	},
};
