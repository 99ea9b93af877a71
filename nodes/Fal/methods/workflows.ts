import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	ResourceMapperFields,
} from 'n8n-workflow';
import { WORKFLOW_PARAMETER } from '../actions/workflow/parameters';
import { openConnection } from '../execution/connection';
import { editorErrorOf } from '../execution/errors/platformErrors';
import { mapperFields } from '../fields/mapperFields';
import { workflowFieldsOf } from '../request/liveSchemas';
import { listWorkflows, parseWorkflowId } from '../transport/workflows';

/** Entries per page of the Workflow list. */
const PAGE_SIZE = 50;

/** The Workflow picker's list: the account's fal workflows, filtered by the typed text. */
export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const connection = await openConnection(this);
	try {
		const page = await listWorkflows(connection, {
			cursor: paginationToken,
			limit: PAGE_SIZE,
			action: 'listing your fal workflows',
		});
		const text = filter?.trim().toLowerCase();
		const workflows = (page.workflows ?? []).filter(
			(workflow) =>
				!text ||
				[workflow.name, workflow.title, workflow.description].some((value) =>
					value?.toLowerCase().includes(text),
				),
		);
		return {
			results: workflows.map((workflow) => ({
				name: [workflow.title ?? workflow.name, `${workflow.user_nickname}/${workflow.name}`].join(
					' · ',
				),
				value: `${workflow.user_nickname}/${workflow.name}`,
				url: `https://fal.ai/workflows/${workflow.user_nickname}/${workflow.name}`,
				...(workflow.description ? { description: workflow.description } : {}),
			})),
			paginationToken: page.has_more && page.next_cursor ? page.next_cursor : undefined,
		};
	} catch (error) {
		throw editorErrorOf(this.getNode(), error, 'your fal workflows');
	}
}

/** Workflow → Run's Fields: the chosen workflow's input schema as typed resource-mapper fields. */
export async function getWorkflowFields(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	let value: unknown;
	try {
		value = this.getCurrentNodeParameter(WORKFLOW_PARAMETER, { extractValue: true });
	} catch {
		value = undefined;
	}
	const id = typeof value === 'string' ? parseWorkflowId(value) : undefined;
	if (!id) return { fields: [], emptyFieldsNotice: 'Choose a workflow above to see its fields' };
	const connection = await openConnection(this);
	try {
		const workflowId = `${id.user}/${id.name}`;
		const fields = await workflowFieldsOf(connection, workflowId);
		return {
			fields: mapperFields(fields),
			emptyFieldsNotice: `${workflowId} takes no input fields`,
		};
	} catch (error) {
		throw editorErrorOf(this.getNode(), error, `workflow ${id.user}/${id.name}`);
	}
}
