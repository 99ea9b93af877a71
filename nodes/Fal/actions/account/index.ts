import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../operation';
import { deletePayloads, deletePayloadsDescription } from './deletePayloads';
import { getAnalytics, getAnalyticsDescription } from './getAnalytics';
import { getBalance, getBalanceDescription } from './getBalance';
import { getUsage, getUsageDescription } from './getUsage';
import { listRequests, listRequestsDescription } from './listRequests';

/** Account: usage, analytics, balance, request history and payload deletion (fal's Platform API). */

export const account: Record<string, Operation> = {
	getUsage,
	getAnalytics,
	getBalance,
	listRequests,
	deletePayloads,
};

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Delete Request Payloads',
				value: 'deletePayloads',
				action: 'Delete the payloads of a fal request',
				description: "Delete a request's stored JSON and output files (admin key)",
			},
			{
				name: 'Get Analytics',
				value: 'getAnalytics',
				action: 'Get the analytics of a fal endpoint',
				description: 'Request counts, errors and durations of an endpoint',
			},
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the fal account balance',
				description: "The account's remaining credits (admin key)",
			},
			{
				name: 'Get Usage',
				value: 'getUsage',
				action: 'Get the fal account usage',
				description: 'What the account used and spent, per endpoint (admin key)',
			},
			{
				name: 'List Requests',
				value: 'listRequests',
				action: 'List the requests of a fal endpoint',
				description: "An endpoint's request history, with or without payloads",
			},
		],
		default: 'getUsage',
	},
	...getUsageDescription,
	...getAnalyticsDescription,
	...getBalanceDescription,
	...listRequestsDescription,
	...deletePayloadsDescription,
];
