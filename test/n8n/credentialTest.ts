import { Container } from '@n8n/di';
import { ExecuteContext, RoutingNode } from 'n8n-core';
// Not exported by n8n-core; see shutdownN8nCore.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { N8N_INSTANCE, TestCredentialsHelper } from './credentialsHelper';

/**
 * Runs a credential type's `test` request as n8n's CredentialsTester does
 * (packages/cli/src/services/credentials-tester.service.ts): a temporary no-op
 * node whose one property routes the test request, run by n8n-core's
 * RoutingNode, authenticated by the credential's `authenticate`, and the
 * answer judged by the test's rules (non-2xx fails).
 */
export async function runCredentialTest(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testRequest = type.test!;
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: { id: 'test', name: 'test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ [type.name]: type }, { test: data }),
		hooks: undefined,
		...N8N_INSTANCE,
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(context, nodeType, {
			id: 'test',
			name: 'test',
			type: type.name,
			data,
		}).runNode();
	} catch (error) {
		// The CLI's reading of the error, step for step: rules apply only where
		// the error carries the HTTP response as its cause.
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			const rule = testRequest.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			if (rule)
				return { status: 'Error', message: (rule.properties as { message: string }).message };
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * n8n-core starts an SSH-connection cleanup interval the first time an
 * execution context is built; n8n stops it at shutdown. Tests must too, or
 * jest waits on the timer forever.
 */
export function shutdownN8nCore(): void {
	Container.get(SSHClientsManager).onShutdown();
}
