/**
 * What n8n's editor asks of a node while it is being set up (the Endpoint
 * list, the Fields of an endpoint), asked the way n8n's server does it
 * (DynamicNodeParametersService): a workflow of one "Temp-Node" with the
 * node's current parameters and credential, and n8n-core's LoadOptionsContext
 * as `this`.
 */
import { LoadOptionsContext } from 'n8n-core';
import {
	type ICredentialDataDecryptedObject,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
	type ResourceMapperFields,
	Workflow,
} from 'n8n-workflow';
import { FalApi } from '../../credentials/FalApi.credentials';
import { N8N_INSTANCE, TestCredentialsHelper } from './credentialsHelper';
import { nodeTypesOf } from './engine';

const NODE_TYPE = 'n8n-nodes-fal-ai.fal';

interface EditorCall {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	typeVersion?: number;
	/** The parameter the editor asks for (n8n sends its path). */
	path: string;
}

function contextFor(nodeType: INodeType, call: EditorCall): LoadOptionsContext {
	const node = {
		parameters: call.parameters,
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: NODE_TYPE,
		typeVersion: call.typeVersion ?? 2,
		position: [0, 0] as [number, number],
		credentials: { falApi: { id: 'fal-credential', name: 'fal.ai account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ [NODE_TYPE]: nodeType }),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(
			{ falApi: new FalApi() },
			{ 'fal-credential': call.credentials },
		),
		...N8N_INSTANCE,
		currentNodeParameters: call.parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, workflow.nodes['Temp-Node'], additionalData, call.path);
}

/** A resource locator's list, as the editor fetches it (`/rest/dynamic-node-parameters/resource-locator-results`). */
export async function listSearch(
	nodeType: INodeType,
	method: string,
	call: EditorCall & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`the node has no listSearch method ${method}`);
	return await search.call(contextFor(nodeType, call), call.filter, call.paginationToken);
}

/** A resource mapper's fields, as the editor fetches them (`/rest/dynamic-node-parameters/resource-mapper-fields`). */
export async function resourceMapperFields(
	nodeType: INodeType,
	method: string,
	call: EditorCall,
): Promise<ResourceMapperFields> {
	const mapping = nodeType.methods?.resourceMapping?.[method];
	if (!mapping) throw new Error(`the node has no resourceMapping method ${method}`);
	return await mapping.call(contextFor(nodeType, call));
}
