import type { IDataObject } from 'n8n-workflow';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import { fetchStatus } from '../../transport/queue';
import type { QueueStatus } from '../../transport/types';
import type { ItemOperation } from '../operation';
import { onQueue, queueTargetOf } from './requestRef';

const INCLUDE_LOGS_PARAMETER = 'includeLogs';

/** Queue Request → Get Status: where a request is (queue position, running, done), with its logs. */
export const getStatus: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Get Status',
		value: 'getStatus',
		action: 'Get the status of a fal request',
		description:
			'Whether a request is IN_QUEUE (with its queue position), IN_PROGRESS or COMPLETED, with its logs',
	},
	properties: [
		{
			displayName: 'Include Logs',
			name: INCLUDE_LOGS_PARAMETER,
			type: 'boolean',
			default: true,
			description: "Whether to include the request's logs",
		},
	],
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const target = queueTargetOf(context, itemIndex);
		const logs = context.getNodeParameter(INCLUDE_LOGS_PARAMETER, itemIndex, true) as boolean;
		const status = await onQueue(
			context,
			itemIndex,
			target,
			async () => await fetchStatus(connection, target, logs),
		);
		return [
			{ json: { requestId: target.requestId, endpoint: target.endpointId, ...statusJson(status) } },
		];
	},
};

/** fal's status in the node's naming: status, queuePosition, logs, metrics. */
function statusJson(status: QueueStatus): IDataObject {
	return {
		status: status.status,
		...('queue_position' in status ? { queuePosition: status.queue_position } : {}),
		...('logs' in status && status.logs ? { logs: status.logs } : {}),
		...('metrics' in status && status.metrics ? { metrics: status.metrics } : {}),
		...(status.response_url ? { responseUrl: status.response_url } : {}),
	};
}
