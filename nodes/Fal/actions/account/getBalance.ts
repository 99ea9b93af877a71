import type { INodeProperties } from 'n8n-workflow';
import { callPlatform } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { adminKeyNotice } from './adminKey';

/** Account → Get Balance (admin key): the account's credits (`GET /v1/account/billing?expand=credits`). */

const getBalanceDescription: INodeProperties[] = [adminKeyNotice('balanceAdminNotice')];

interface Billing {
	username?: string;
	credits?: { current_balance?: number; currency?: string };
}

export const getBalance: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Get Balance',
		value: 'getBalance',
		action: 'Get the fal account balance',
		description: "The account's remaining credits (admin key)",
	},
	properties: getBalanceDescription,
	nodeOptions: RETRY_OPTIONS,
	async execute(_context, _itemIndex, connection) {
		const billing = await callPlatform<Billing>(connection, {
			method: 'GET',
			path: '/account/billing',
			query: [['expand', 'credits']],
			action: 'Account → Get Balance',
			admin: true,
		});
		return [
			{
				json: {
					username: billing.username,
					current_balance: billing.credits?.current_balance,
					currency: billing.credits?.currency,
				},
			},
		];
	},
};
