import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { readLimit, returnAllAndLimit } from '../../fields/platformParameters';
import { collectPages } from '../../transport/platform';
import type { WorkflowPage, WorkflowSummary } from '../../transport/workflows';
import type { ItemOperation } from '../operation';

/** Workflow → List: the account's fal workflows, one item each. */

const show = { resource: ['workflow'], operation: ['list'] };

export const listDescription: INodeProperties[] = returnAllAndLimit(show, 'workflows');

export const list: ItemOperation = {
	kind: 'item',
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
