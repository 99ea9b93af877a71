/**
 * Runs the fal.ai node as built into dist/, the way n8n loads an installed
 * package, in n8n-core's engine through test/n8n/workflow.ts (Input → fal.ai).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { EMULATOR_FAL_KEY } from '../test/emulator';
import { runInWorkflow, type TestItem } from '../test/n8n/workflow';

export const BUILT_NODE = join(__dirname, '../dist/nodes/Fal/Fal.node.js');

let builtNode: INodeType | undefined;

function falNode(): INodeType {
	if (!existsSync(BUILT_NODE))
		throw new Error(`${BUILT_NODE} is missing: run npm run build (npm run bench does)`);
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded from dist/ at run time, as n8n does
	builtNode ??= new (require(BUILT_NODE) as { Fal: new () => INodeType }).Fal();
	return builtNode;
}

export interface BenchRunOptions {
	parameters: INodeParameters;
	items: TestItem[];
	proxyUrl: string;
	/** The fal.ai node's version (1 unless given). */
	typeVersion?: number;
	/** Called when the fal.ai node starts executing (after the input node). */
	onFalNodeStart?: () => void;
}

/** The fal.ai node's output items; throws the node's error if it failed. */
export async function runBuiltNode(options: BenchRunOptions): Promise<INodeExecutionData[]> {
	const fal = falNode();
	const measured: INodeType = {
		description: fal.description,
		async execute(this: IExecuteFunctions) {
			options.onFalNodeStart?.();
			return await fal.execute!.call(this);
		},
	};
	const { items, error, run } = await runInWorkflow(measured, {
		parameters: options.parameters,
		items: options.items,
		typeVersion: options.typeVersion,
		credentials: { apiKey: EMULATOR_FAL_KEY, proxyUrl: options.proxyUrl },
	});
	if (error) throw error;
	const inputError = run.data.resultData.error;
	if (items.length === 0 && inputError) throw inputError;
	return items;
}
