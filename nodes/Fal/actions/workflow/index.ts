import type { Resource } from '../operation';
import { get } from './get';
import { list } from './list';
import { workflowLocator } from './parameters';
import { run } from './run';

/** Workflow: fal workflows (chains of fal endpoints built on fal.ai), run, listed and read. */
export const workflow: Resource = {
	option: { name: 'Workflow', value: 'workflow', description: 'Run, list and read fal workflows' },
	operations: [run, list, get],
	defaultOperation: 'run',
	// Run's and Get's, shown once above their own.
	properties: [workflowLocator({ resource: ['workflow'], operation: ['run', 'get'] })],
};
