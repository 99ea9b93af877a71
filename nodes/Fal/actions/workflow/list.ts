import type { IDataObject } from 'n8n-workflow';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import { readLimit, returnAllAndLimit } from '../shared/platformParameters';
import { collectPages } from '../../transport/platform';
import type { WorkflowPage, WorkflowSummary } from '../../transport/workflows';
import type { ItemOperation } from '../operation';

/** Workflow → List: the account's fal workflows, one item each. */

export const list: ItemOperation = {
	kind: 'item',
	option: {
		name: 'List',
		value: 'list',
		action: 'List fal workflows',
		description: "The account's fal workflows",
	},
	properties: returnAllAndLimit('workflows'),
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const workflows = await collectPages<WorkflowPage, WorkflowSummary>(
			connection,
			{ method: 'GET', path: '/workflows', action: 'Workflow → List' },
			(page) => page.workflows ?? [],
			{
				limit: readLimit(context, itemIndex),
				pageSize: 50,
			},
		);
		return workflows.map((workflow) => ({
			json: {
				id: `${workflow.user_nickname}/${workflow.name}`,
				...(workflow as unknown as IDataObject),
			},
		}));
	},
};
