import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	type ICredentialDataDecryptedObject,
	type IConnections,
	type INode,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { FalApi } from '../../credentials/FalApi.credentials';
import { N8N_INSTANCE, TestCredentialsHelper } from './credentialsHelper';

export interface ExecuteWorkflowOptions {
	nodes: INode[];
	connections: IConnections;
	nodeTypes: INodeTypes;
	/** falApi credential data by credential id. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Called once the run has started; may cancel it, as n8n's Stop button does. */
	whileRunning?: (execution: { cancel: () => void }) => void;
}

/** The engine's node type registry over a fixed set of types (one version each). */
export function nodeTypesOf(types: Record<string, INodeType>): INodeTypes {
	const byName = (type: string) => {
		if (!types[type]) throw new Error(`Unknown node type ${type}`);
		return types[type];
	};
	return { getByName: byName, getByNameAndVersion: byName, getKnownTypes: () => ({}) };
}

let executions = 0;

/**
 * Runs a workflow in n8n-core's engine as a manual execution from its first
 * node: WorkflowExecute, lifecycle hooks, credentials resolved through a
 * credentials helper. What the engine needs of n8n's server and nothing else.
 */
export async function executeWorkflow(
	options: ExecuteWorkflowOptions,
): Promise<{ run: IRun; messages: unknown[] }> {
	const { nodes, connections, nodeTypes } = options;
	const workflow = new Workflow({ id: 'workflow', nodes, connections, active: false, nodeTypes });
	const executionId = String(++executions);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'workflow',
		name: 'workflow',
		nodes,
		connections,
		active: false,
	} as never);
	const messages: unknown[] = [];
	const additionalData = {
		hooks,
		executionId,
		credentialsHelper: new TestCredentialsHelper({ falApi: new FalApi() }, options.credentials),
		...N8N_INSTANCE,
		currentNodeParameters: undefined,
		// Where n8n forwards `sendMessageToUI` (the editor's console).
		sendDataToUI: (type: string, data: unknown) => {
			if (type === 'sendConsoleMessage') messages.push(data);
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const execution = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: nodes[0],
	});
	options.whileRunning?.({ cancel: () => execution.cancel() });
	return { run: await execution, messages };
}

export type BinaryMode = 'default' | 'filesystem';

let binaryStoragePath: string | undefined;

/**
 * n8n keeps binary data inline (memory, "default") or in files with an id
 * ("filesystem"); the node must read both through its helpers.
 */
export async function useBinaryDataMode(mode: BinaryMode): Promise<void> {
	if (binaryStoragePath) rmSync(binaryStoragePath, { recursive: true, force: true });
	binaryStoragePath =
		mode === 'filesystem' ? mkdtempSync(join(tmpdir(), 'n8n-binary-')) : undefined;
	const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };
	const service = new BinaryDataService(
		{
			mode,
			availableModes: [mode],
			localStoragePath: binaryStoragePath ?? '',
			signingSecret: 'test',
			dbMaxFileSize: 512,
		} as never,
		{ error() {}, warn() {}, info() {} } as never,
		quietLogger as never,
	);
	if (mode === 'filesystem') await service.init();
	Container.set(BinaryDataService, service);
}

export function cleanUpBinaryData(): void {
	if (binaryStoragePath) rmSync(binaryStoragePath, { recursive: true, force: true });
	binaryStoragePath = undefined;
}
