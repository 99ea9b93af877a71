import { Fal } from '../../nodes/Fal/Fal.node';
import { type RunOptions, type RunResult, runInWorkflow } from './workflow';

/** This package's fal.ai node, from its TypeScript source. */
export const falNodeType = new Fal();

/** Runs the fal.ai node (source) in n8n-core's engine; see workflow.ts. */
export async function runFalNode(options: RunOptions): Promise<RunResult> {
	return await runInWorkflow(falNodeType, options);
}
