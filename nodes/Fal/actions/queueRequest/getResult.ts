import { RESULT_FILE_OPTIONS, RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import { readNodeOptions } from '../../execution/options/read';
import { resultItem } from '../../execution/outputFiles';
import { notFinishedError } from '../../execution/errors/nodeErrors';
import { fetchResult, fetchStatus } from '../../transport/queue';
import type { ItemOperation } from '../operation';
import { onQueue, queueTargetOf } from './requestRef';

/** Queue Request → Get Result: a finished request's output, its files as binary, as a run that waits returns it. */
export const getResult: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Get Result',
		value: 'getResult',
		action: 'Get the result of a fal request',
		description:
			"A finished request's output, as a run that waits returns it (its files as binary data)",
	},
	// The request it names is the resource's (requestRef.ts).
	properties: [],
	nodeOptions: [...RETRY_OPTIONS, ...RESULT_FILE_OPTIONS],
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
