import { callPlatform, type Page } from './platform';
import type { FalConnection } from './request';

/**
 * The caller's fal workflows (`GET /v1/workflows`, `GET /v1/workflows/{user}/{name}`,
 * fal-platform.md). A workflow runs on the queue like an endpoint, as
 * `workflows/{user}/{name}`.
 */

export interface WorkflowSummary {
	name: string;
	title?: string;
	user_nickname?: string;
	created_at?: string;
	description?: string;
	tags?: string[];
	endpoint_ids?: string[];
}

export interface WorkflowDetails extends WorkflowSummary {
	is_public?: boolean;
	/** The workflow's graph and its JSON Schemas (`schema.input`, `schema.output`), as fal gives them: schema/workflowSchema.ts reads them. */
	contents?: {
		schema?: { input?: Record<string, unknown>; output?: Record<string, unknown> };
	} & Record<string, unknown>;
}

export type WorkflowPage = Page & { workflows?: WorkflowSummary[] };

/** `user/name` of a workflow ID as users write it: with or without the `workflows/` prefix. */
const WORKFLOW_ID_PATTERN = /^(?:workflows\/)?([A-Za-z0-9][\w.-]*)\/([A-Za-z0-9][\w.-]*)$/;

export function parseWorkflowId(value: string): { user: string; name: string } | undefined {
	const match = WORKFLOW_ID_PATTERN.exec(value.trim());
	return match ? { user: match[1], name: match[2] } : undefined;
}

export async function fetchWorkflow(
	connection: FalConnection,
	id: { user: string; name: string },
	action: string,
): Promise<WorkflowDetails> {
	const answer = await callPlatform<{ workflow?: WorkflowDetails }>(connection, {
		method: 'GET',
		path: `/workflows/${encodeURIComponent(id.user)}/${encodeURIComponent(id.name)}`,
		action,
	});
	if (!answer.workflow) throw new Error(`fal answered without the workflow ${id.user}/${id.name}`);
	return answer.workflow;
}

/** A page of the caller's workflows. */
export async function listWorkflows(
	connection: FalConnection,
	options: { cursor?: string; limit: number; action: string },
): Promise<WorkflowPage> {
	return await callPlatform<WorkflowPage>(connection, {
		method: 'GET',
		path: '/workflows',
		query: [
			['limit', options.limit],
			['cursor', options.cursor],
		],
		action: options.action,
	});
}
