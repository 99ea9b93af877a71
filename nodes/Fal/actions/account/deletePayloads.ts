import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldInputError } from '../../request/fieldInputError';
import { callPlatform } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { adminKeyNotice } from './adminKey';

/**
 * Account → Delete Request Payloads (admin key): fal deletes a request's
 * stored input and output JSON and its output files, for good
 * (`DELETE /v1/models/requests/{id}/payloads`). The Idempotency-Key is
 * derived from the request ID, so running it twice (a retry, a re-run) is
 * answered as the first time, not as an error.
 */

const deletePayloadsDescription: INodeProperties[] = [
	adminKeyNotice('deleteAdminNotice', 'The deletion cannot be undone.'),
	{
		displayName: 'Request ID',
		name: 'deleteRequestId',
		type: 'string',
		required: true,
		// A generation outputs `requestId`; List Requests outputs `request_id`.
		default: '={{ $json.requestId ?? $json.request_id }}',
		description: 'The fal request whose payloads and output files to delete',
	},
];

interface DeleteAnswer {
	cdn_delete_results?: Array<{ link: string; exception?: string | null }>;
}

export const deletePayloads: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Delete Request Payloads',
		value: 'deletePayloads',
		action: 'Delete the payloads of a fal request',
		description: "Delete a request's stored JSON and output files (admin key)",
	},
	properties: deletePayloadsDescription,
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const value = context.getNodeParameter('deleteRequestId', itemIndex, '');
		const requestId = typeof value === 'string' ? value.trim() : '';
		if (!/^[\w-]+$/.test(requestId)) {
			throw new FieldInputError(
				'Request ID',
				requestId
					? `${JSON.stringify(requestId.slice(0, 100))} is not a fal request ID`
					: 'is empty; map the requestId of a generation (or request_id of List Requests)',
			);
		}
		const answer = await callPlatform<DeleteAnswer>(connection, {
			method: 'DELETE',
			path: `/models/requests/${requestId}/payloads`,
			headers: { 'Idempotency-Key': `n8n-fal-delete-payloads-${requestId}` },
			action: `Account → Delete Request Payloads (${requestId})`,
			admin: true,
		});
		const results = answer.cdn_delete_results ?? [];
		const failed = results.filter((result) => result.exception);
		return [
			{
				json: {
					requestId,
					deleted: failed.length === 0,
					filesDeleted: results.length - failed.length,
					...(failed.length ? { filesNotDeleted: failed as unknown as IDataObject[] } : {}),
					cdn_delete_results: results as unknown as IDataObject[],
				},
			},
		];
	},
};
