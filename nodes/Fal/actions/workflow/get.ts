import type { IDataObject } from 'n8n-workflow';
import { summariseFields } from '../../schema/summary';
import { workflowInputFields, workflowOutputFields } from '../../schema/workflowSchema';
import { fetchWorkflow, parseWorkflowId } from '../../transport/workflows';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';
import { workflowIdOf } from './parameters';

/** Workflow → Get: a fal workflow's details, with its input and output fields summarised. */
export const get: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a fal workflow',
		description: "A workflow's details with its input and output fields",
	},
	// The Workflow it reads is the resource's (shared with Run).
	properties: [],
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const id = workflowIdOf(context, itemIndex);
		const details = await fetchWorkflow(connection, parseWorkflowId(id)!, `Workflow → Get (${id})`);
		const { contents, ...rest } = details;
		return [
			{
				json: {
					id,
					...(rest as IDataObject),
					input_fields: summariseFields(workflowInputFields(id, contents?.schema?.input).input),
					output_fields: summariseFields(workflowOutputFields(contents?.schema?.output)),
					...(contents ? { contents: contents as IDataObject } : {}),
				},
			},
		];
	},
};
