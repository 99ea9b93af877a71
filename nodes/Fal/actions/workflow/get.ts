import type { IDataObject } from 'n8n-workflow';
import { summariseFields } from '../../schema/summary';
import { workflowInputFields, workflowOutputFields } from '../../schema/workflowSchema';
import { fetchWorkflow, parseWorkflowId } from '../../transport/workflows';
import type { ItemOperation } from '../operation';
import { workflowIdOf } from './description';

/** Workflow → Get: a fal workflow's details, with its input and output fields summarised. */
export const get: ItemOperation = {
	kind: 'item',
	async execute(context, itemIndex, connection) {
		const id = workflowIdOf(context, itemIndex);
		const details = await fetchWorkflow(connection, parseWorkflowId(id)!, `Workflow → Get (${id})`);
		const { contents, ...rest } = details;
		return [
			{
				json: {
					id,
					...(rest as IDataObject),
					input_fields: summariseFields(workflowInputFields(id, details).input),
					output_fields: summariseFields(workflowOutputFields(details)),
					...(contents ? { contents: contents as IDataObject } : {}),
				},
			},
		];
	},
};
