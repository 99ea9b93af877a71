import type { IDataObject } from 'n8n-workflow';
import { schemaUnavailableError } from '../../execution/errors/nodeErrors';
import {
	RESULT_FILE_OPTIONS,
	RETRY_OPTIONS,
	SUBMIT_OPTIONS,
	WAIT_OPTIONS,
} from '../../execution/options/nodeOptions';
import { plannedItem } from '../../execution/plannedItem';
import { planJsonRequest } from '../../request/jsonBody';
import { workflowSchemas } from '../../request/liveSchemas';
import { planFromFields } from '../../request/mapperBody';
import { FILES_PARAMETER, INPUT_JSON_PARAMETER } from '../../request/parameterNames';
import { PlatformFailure } from '../../transport/platform';
import type { SubmittingOperation } from '../operation';
import {
	runInputProperties,
	WORKFLOW_FIELDS,
	WORKFLOW_INPUT_MODE,
	WORKFLOW_JSON_NAMES,
	workflowIdOf,
} from './parameters';

/**
 * Workflow → Run: a fal workflow through fal's queue, as Generation runs an
 * endpoint (`workflows/user/name`): input checked against the workflow's
 * schema before anything is sent, files uploaded, waited for, media returned
 * as binary. Each workflow's schema is read once per execution.
 */
export const run: SubmittingOperation = {
	kind: 'submit',
	option: {
		name: 'Run',
		value: 'run',
		action: 'Run a fal workflow',
		description: 'Run a fal workflow on each item; its files come back as binary data',
	},
	properties: runInputProperties(),
	nodeOptions: [...RETRY_OPTIONS, ...RESULT_FILE_OPTIONS, ...SUBMIT_OPTIONS, ...WAIT_OPTIONS],
	// fal prices workflows by the endpoints they call: nothing to foresee them by.
	costCeiling: false,
	planner(context, connection) {
		const schemas = workflowSchemas(connection);
		return async (itemIndex) => {
			const workflowId = workflowIdOf(context, itemIndex);
			const endpointId = `workflows/${workflowId}`;
			const mode = context.getNodeParameter(WORKFLOW_INPUT_MODE, itemIndex, 'fields') as string;
			if (mode === 'json') {
				// Any fal Endpoint's JSON mode, reading the workflow's own parameters.
				const names: Record<string, string> = {
					[INPUT_JSON_PARAMETER]: WORKFLOW_JSON_NAMES.json,
					[FILES_PARAMETER]: WORKFLOW_JSON_NAMES.files,
				};
				const plan = planJsonRequest((name, fallback) =>
					context.getNodeParameter(names[name] ?? name, itemIndex, fallback),
				);
				return await plannedItem(context, itemIndex, { endpointId, plan });
			}
			const fields = await schemas
				.get(workflowId)
				.catch((error: unknown) =>
					Promise.reject(
						schemaUnavailableError(
							context.getNode(),
							error instanceof PlatformFailure ? error.failure : error,
							{ itemIndex, endpointId },
						),
					),
				);
			const mapped = (context.getNodeParameter(WORKFLOW_FIELDS, itemIndex, {}) ?? {}) as {
				value?: IDataObject | null;
			};
			return await plannedItem(context, itemIndex, {
				endpointId,
				fields,
				plan: planFromFields(fields, mapped.value ?? {}),
			});
		};
	},
};
