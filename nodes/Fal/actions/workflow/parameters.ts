import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { inputFieldsMapper, jsonInputProperties } from '../../fields/inputProperties';
import { FieldInputError } from '../../request/fieldInputError';
import { parseWorkflowId } from '../../transport/workflows';
import { waitProperties } from '../../execution/waitParameters';

/** Workflow's parameters: which fal workflow, and Run's input (typed fields from the workflow's schema, or JSON). */

/** Workflow → Run and Get: the fal workflow, as `user/name` (a resource locator). */
export const WORKFLOW_PARAMETER = 'workflow';
export const WORKFLOW_INPUT_MODE = 'workflowInputMode';
export const WORKFLOW_FIELDS = 'workflowFields';
/** Run's JSON mode, by the names Any fal Endpoint's JSON mode reads (see run.ts). */
export const WORKFLOW_JSON_NAMES = { json: 'workflowInputJson', files: 'workflowFiles' };

const ID_LABEL = 'Workflow';

export function workflowLocator(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: ID_LABEL,
		name: WORKFLOW_PARAMETER,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The fal workflow, as user/name (from its fal.ai page)',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Choose one of your fal workflows',
				typeOptions: { searchListMethod: 'searchWorkflows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'your-name/sticker-maker',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^(?:workflows/)?[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*$',
							errorMessage: 'A workflow ID looks like user/name',
						},
					},
				],
			},
		],
	};
}

/** The workflow an item names, as `user/name`. */
export function workflowIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter(WORKFLOW_PARAMETER, itemIndex, '', { extractValue: true });
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text)
		throw new FieldInputError(
			ID_LABEL,
			'is empty; choose one of your fal workflows, or give its ID as user/name',
		);
	const id = parseWorkflowId(text);
	if (!id)
		throw new FieldInputError(
			ID_LABEL,
			`${JSON.stringify(text.slice(0, 200))} is not a fal workflow ID (user/name)`,
		);
	return `${id.user}/${id.name}`;
}

/** Run's input: typed fields from the workflow's schema, or JSON; then whether to wait. */
export function runInputProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Input Mode',
			name: WORKFLOW_INPUT_MODE,
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Fields',
					value: 'fields',
					description:
						"Typed fields read from the workflow's input schema, checked before anything is sent",
				},
				{ name: 'JSON', value: 'json', description: "The workflow's input as one JSON object" },
			],
			default: 'fields',
		},
		{
			displayName:
				'A file field takes a URL, a data URI, or the name of a binary field of the item, which is uploaded; a list of files takes several, comma-separated.',
			name: 'workflowFieldsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { [WORKFLOW_INPUT_MODE]: ['fields'] } },
		},
		inputFieldsMapper({
			name: WORKFLOW_FIELDS,
			method: 'getWorkflowFields',
			dependsOn: WORKFLOW_PARAMETER,
			noFieldsError: 'No input fields: choose a workflow above, or switch Input Mode to JSON',
			show: { [WORKFLOW_INPUT_MODE]: ['fields'] },
		}),
		...jsonInputProperties([{ [WORKFLOW_INPUT_MODE]: ['json'] }], WORKFLOW_JSON_NAMES),
		...waitProperties(),
	];
}
