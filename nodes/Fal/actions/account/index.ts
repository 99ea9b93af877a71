import type { Resource } from '../operation';
import { deletePayloads } from './deletePayloads';
import { getAnalytics } from './getAnalytics';
import { getBalance } from './getBalance';
import { getUsage } from './getUsage';
import { listRequests } from './listRequests';

/** Account: usage, analytics, balance, request history and payload deletion (fal's Platform API). */
export const account: Resource = {
	option: {
		name: 'Account',
		value: 'account',
		description: 'Usage, analytics, balance, request history and payload deletion',
	},
	operations: [getUsage, getAnalytics, getBalance, listRequests, deletePayloads],
	defaultOperation: 'getUsage',
};
