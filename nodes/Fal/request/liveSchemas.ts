import { fieldsFromOpenApi, type OpenApiDocument } from '../schema/openApi';
import type { EndpointFields } from '../schema/types';
import { workflowInputFields } from '../schema/workflowSchema';
import { fetchOpenApi } from '../transport/catalogue';
import type { FalConnection } from '../transport/request';
import { fetchWorkflow, parseWorkflowId } from '../transport/workflows';

/**
 * Live schemas: an endpoint's input fields from its OpenAPI document in fal's
 * catalogue, a fal workflow's from its details. The editor reads one to show
 * its Fields; an execution reads each once (LiveSchemas) and checks every
 * item against it before anything is uploaded or submitted. When a schema
 * cannot be had, the items that need it fail, naming it: their checks are
 * never skipped.
 */

/** An endpoint's input fields, as fal's catalogue has them now. */
export async function endpointFieldsOf(
	connection: FalConnection,
	endpointId: string,
): Promise<EndpointFields> {
	const document = (await fetchOpenApi(connection, endpointId)) as OpenApiDocument;
	return fieldsFromOpenApi(endpointId, document);
}

/** A fal workflow's input fields (`user/name`), from its details. */
export async function workflowFieldsOf(
	connection: FalConnection,
	workflowId: string,
): Promise<EndpointFields> {
	const id = parseWorkflowId(workflowId);
	if (!id) throw new Error(`"${workflowId}" is not a fal workflow ID (user/name)`);
	const details = await fetchWorkflow(connection, id, `reading workflow ${workflowId}`);
	return workflowInputFields(`${id.user}/${id.name}`, details.contents?.schema?.input);
}

/** Schemas read once per execution per ID: items of one execution share the request. */
export class LiveSchemas {
	private readonly loaded = new Map<string, Promise<EndpointFields>>();

	constructor(private readonly load: (id: string) => Promise<EndpointFields>) {}

	async get(id: string): Promise<EndpointFields> {
		let pending = this.loaded.get(id);
		if (!pending) {
			pending = this.load(id);
			this.loaded.set(id, pending);
		}
		return await pending;
	}
}

/** Endpoints' input fields for one execution. */
export function endpointSchemas(connection: FalConnection): LiveSchemas {
	return new LiveSchemas(async (endpointId) => await endpointFieldsOf(connection, endpointId));
}

/** fal workflows' input fields for one execution. */
export function workflowSchemas(connection: FalConnection): LiveSchemas {
	return new LiveSchemas(async (workflowId) => await workflowFieldsOf(connection, workflowId));
}
