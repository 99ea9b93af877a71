import type { IDataObject } from 'n8n-workflow';
import { planJsonRequest } from '../../fields/anyEndpoint';
import { planFromFields } from '../../fields/mapperBody';
import { INPUT_JSON_PARAMETER, FILES_PARAMETER } from '../../parameters';
import { EndpointSchemas } from '../../schema/endpointSchemas';
import { workflowInputFields } from '../../schema/workflowSchema';
import { schemaUnavailableError } from '../../transport/errors';
import { PlatformFailure } from '../../transport/platform';
import { fetchWorkflow, parseWorkflowId } from '../../transport/workflows';
import { plannedItem } from '../generation/plannedItem';
import type { SubmittingOperation } from '../operation';
import {
	WORKFLOW_FIELDS,
	WORKFLOW_INPUT_MODE,
	WORKFLOW_JSON_NAMES,
	workflowIdOf,
} from './description';

/**
 * Workflow → Run: a fal workflow through fal's queue, as Generation runs an
 * endpoint (`workflows/user/name`): input checked against the workflow's
 * schema before anything is sent, files uploaded, waited for, media returned
 * as binary. Each workflow's schema is read once per execution.
 */
export const run: SubmittingOperation = {
	kind: 'submit',
	// fal prices workflows by the endpoints they call: nothing to foresee them by.
	costCeiling: false,
	planner(context, connection) {
		const schemas = new EndpointSchemas(async (id) =>
			workflowInputFields(
				id,
				await fetchWorkflow(connection, parseWorkflowId(id)!, `reading workflow ${id}`),
			),
		);
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
