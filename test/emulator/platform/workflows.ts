/**
 * `GET /workflows` (the account's fal workflows, paged, `search` matching
 * every word in the name, title, description or tags) and
 * `GET /workflows/{user}/{name}` (one, with its graph and schemas).
 */
import { endpointIdsOf, findWorkflow, type Workflow, WORKFLOWS } from '../workflows/definitions';
import { notFound, ok, pageOf, pageRequest } from './answers';
import type { Handler } from './call';

function summaryOf(workflow: Workflow): Record<string, unknown> {
	return {
		name: workflow.name,
		title: workflow.title,
		user_nickname: workflow.user,
		created_at: workflow.createdAt,
		description: workflow.description,
		tags: workflow.tags,
		endpoint_ids: endpointIdsOf(workflow),
	};
}

function matches(workflow: Workflow, search: string): boolean {
	const text = [workflow.name, workflow.title, workflow.description, ...workflow.tags]
		.join(' ')
		.toLowerCase();
	return search
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => text.includes(word));
}

export const listWorkflows: Handler = ({ query }) => {
	const request = pageRequest(query);
	const search = query.get('search');
	const found = WORKFLOWS.filter((workflow) => !search || matches(workflow, search));
	const { page, next_cursor, has_more } = pageOf(found, request);
	return ok({ workflows: page.map(summaryOf), next_cursor, has_more });
};

export const getWorkflow: Handler = ({ params }) => {
	const [user, name] = params;
	const workflow = findWorkflow(`workflows/${user}/${name}`);
	if (!workflow) return notFound(`Workflow ${user}/${name} not found`);
	const display = Object.values(workflow.nodes).find((node) => node.type === 'display');
	return ok({
		workflow: {
			name: workflow.name,
			title: workflow.title,
			user_nickname: workflow.user,
			is_public: workflow.isPublic,
			created_at: workflow.createdAt,
			contents: {
				name: 'workflow',
				nodes: workflow.nodes,
				output: display?.fields ?? {},
				schema: { input: workflow.input, output: workflow.output },
				version: '1',
				metadata: { description: workflow.description },
			},
		},
	});
};
