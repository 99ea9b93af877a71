import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../operation';
import { runDescription, workflowLocator } from './description';
import { get } from './get';
import { list, listDescription } from './list';
import { run } from './run';

/** Workflow: fal workflows (chains of fal endpoints built on fal.ai), run, listed and read. */

export const workflow: Record<string, Operation> = { run, list, get };

export const workflowDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a fal workflow',
				description: "A workflow's details with its input and output fields",
			},
			{
				name: 'List',
				value: 'list',
				action: 'List fal workflows',
				description: "The account's fal workflows",
			},
			{
				name: 'Run',
				value: 'run',
				action: 'Run a fal workflow',
				description: 'Run a fal workflow on each item; its files come back as binary data',
			},
		],
		default: 'run',
	},
	workflowLocator({ resource: ['workflow'], operation: ['run', 'get'] }),
	...runDescription({ resource: ['workflow'], operation: ['run'] }),
	...listDescription,
];
