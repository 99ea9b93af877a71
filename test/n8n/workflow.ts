import { executeWorkflow, nodeTypesOf } from './engine';

export { cleanUpBinaryData, useBinaryDataMode } from './engine';
import {
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { createReadStream } from 'node:fs';

/**
 * Runs a fal.ai node in n8n-core's real engine (WorkflowExecute), the way n8n
 * runs an installed community node: a two-node workflow, "Input" (a test node
 * that emits the given items, binary data made with n8n's own
 * prepareBinaryData) → "fal.ai", with the falApi credential resolved by a
 * credentials helper. Which fal.ai node is the caller's: the TypeScript source
 * (falNode.ts, for jest) or the build in dist/ (bench/). This file does not
 * import the source, so that tsx, which resolves `Fal.node` to its .json
 * sibling, can load it.
 */

export const FAL_NODE_TYPE = 'n8n-nodes-fal-ai.fal';
const INPUT_NODE_TYPE = 'test.input';

/** An input file: bytes, or a file on disk streamed into n8n's binary data store. */
type TestFile = ({ bytes: Buffer } | { path: string }) & {
	mimeType?: string;
	fileName?: string;
};

export interface TestItem {
	json?: IDataObject;
	binary?: Record<string, TestFile>;
}

const pendingInputs = new Map<string, TestItem[]>();

/** Emits the items registered under its `key` parameter. */
const inputNodeType: INodeType = {
	description: {
		displayName: 'Test Input',
		name: INPUT_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = pendingInputs.get(this.getNodeParameter('key', 0) as string) ?? [];
		const output: INodeExecutionData[] = [];
		for (const item of items) {
			const binary: INodeExecutionData['binary'] = {};
			for (const [name, file] of Object.entries(item.binary ?? {})) {
				const data = 'bytes' in file ? file.bytes : createReadStream(file.path);
				binary[name] = await this.helpers.prepareBinaryData(data, file.fileName, file.mimeType);
			}
			output.push({ json: item.json ?? {}, ...(item.binary ? { binary } : {}) });
		}
		return [output];
	},
};

export interface RunOptions {
	parameters: INodeParameters;
	items?: TestItem[];
	credentials: ICredentialDataDecryptedObject;
	/** Settings → On Error → Continue (regular output). */
	continueOnFail?: boolean;
	/** Settings → On Error, when other than continueOnFail's. */
	onError?: INode['onError'];
	/** Called once the run has started; may cancel it, as n8n's Stop button does. */
	whileRunning?: (execution: { cancel: () => void }) => void;
	/** The fal.ai node's version: 1 (workflows saved before "Any fal Endpoint" took typed fields) unless given. */
	typeVersion?: number;
}

export interface RunResult {
	/** The fal.ai node's output items (empty when it failed). */
	items: INodeExecutionData[];
	/** Its error output's items, with On Error → Continue (using error output). */
	errorOutput: INodeExecutionData[];
	/** The fal.ai node's error, when the node failed. */
	error?: Error & { description?: string | null; context?: IDataObject };
	run: IRun;
	/** Messages the node sent to the editor's console. */
	messages: unknown[];
}

let executionCounter = 0;

export async function runInWorkflow(falNode: INodeType, options: RunOptions): Promise<RunResult> {
	const key = `input-${++executionCounter}`;
	pendingInputs.set(key, options.items ?? [{ json: {} }]);
	const nodes: INode[] = [
		{
			id: 'input',
			name: 'Input',
			type: INPUT_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { key },
		},
		{
			id: 'fal',
			name: 'fal.ai',
			type: FAL_NODE_TYPE,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { falApi: { id: 'fal-credential', name: 'fal.ai account' } },
			onError: options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined),
		},
	];
	const connections = {
		Input: { main: [[{ node: 'fal.ai', type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	try {
		const { run, messages } = await executeWorkflow({
			nodes,
			connections,
			nodeTypes: nodeTypesOf({ [FAL_NODE_TYPE]: falNode, [INPUT_NODE_TYPE]: inputNodeType }),
			credentials: { 'fal-credential': options.credentials },
			whileRunning: options.whileRunning,
		});
		const falRun = run.data.resultData.runData['fal.ai']?.[0];
		return {
			items: falRun?.data?.main?.[0] ?? [],
			errorOutput: falRun?.data?.main?.[1] ?? [],
			error: (falRun?.error ?? undefined) as RunResult['error'],
			run,
			messages,
		};
	} finally {
		pendingInputs.delete(key);
	}
}
