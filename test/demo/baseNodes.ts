import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	NodeConnectionTypes,
} from 'n8n-workflow';

/**
 * Stand-ins for the three n8n-nodes-base nodes around the fal.ai node in the
 * example workflows (Manual Trigger, Read/Write Files from Disk, Merge by
 * position), with the parameters those workflows use and the same output
 * shape. n8n-nodes-base itself does not install as a library here (it pulls
 * in all of n8n's integrations); the real nodes run the same workflow files
 * in the end-to-end tests, inside a real n8n.
 */

function description(
	name: string,
	inputs: number,
	properties: INodeProperties[] = [],
): INodeType['description'] {
	return {
		displayName: name,
		name: `n8n-nodes-base.${name}`,
		group: ['transform'],
		version: [1, 2, 3],
		description: `Stand-in for n8n-nodes-base.${name}`,
		defaults: { name },
		inputs: Array.from({ length: inputs }, () => NodeConnectionTypes.Main),
		outputs: [NodeConnectionTypes.Main],
		// n8n keeps only the parameters a node type declares.
		properties,
	};
}

const manualTrigger: INodeType = {
	description: description('manualTrigger', 0),
	async execute(): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	},
};

const readWriteFile: INodeType = {
	description: description('readWriteFile', 1, [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			options: [
				{ name: 'Read', value: 'read' },
				{ name: 'Write', value: 'write' },
			],
			default: 'read',
		},
		{
			displayName: 'File(s) Selector',
			name: 'fileSelector',
			type: 'string',
			default: '',
			displayOptions: { show: { operation: ['read'] } },
		},
		{
			displayName: 'File Path and Name',
			name: 'fileName',
			type: 'string',
			default: '',
			displayOptions: { show: { operation: ['write'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: 'dataPropertyName',
			type: 'string',
			default: 'data',
			displayOptions: { show: { operation: ['write'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: [
				{
					displayName: 'Put Output File in Field',
					name: 'dataPropertyName',
					type: 'string',
					default: 'data',
				},
			],
		},
	]),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const operation = this.getNodeParameter('operation', itemIndex, 'read') as string;
			if (operation === 'write') {
				const fileName = this.getNodeParameter('fileName', itemIndex) as string;
				const property = this.getNodeParameter('dataPropertyName', itemIndex, 'data') as string;
				const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
				await mkdir(dirname(resolve(fileName)), { recursive: true });
				await writeFile(resolve(fileName), bytes);
				output.push({
					json: { ...items[itemIndex].json, fileName },
					binary: items[itemIndex].binary,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			const filePath = this.getNodeParameter('fileSelector', itemIndex) as string;
			const options = this.getNodeParameter('options', itemIndex, {}) as {
				dataPropertyName?: string;
			};
			const binary = await this.helpers.prepareBinaryData(
				await readFile(resolve(filePath)),
				filePath,
			);
			const { mimeType, fileType, fileName, fileExtension, fileSize } = binary;
			output.push({
				json: { mimeType, fileType, fileName, fileExtension, fileSize },
				binary: { [options.dataPropertyName || 'data']: binary },
				pairedItem: { item: itemIndex },
			});
		}
		return [output];
	},
};

const merge: INodeType = {
	description: description('merge', 2, [
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [{ name: 'Combine', value: 'combine' }],
			default: 'combine',
		},
		{
			displayName: 'Combine By',
			name: 'combineBy',
			type: 'options',
			options: [{ name: 'Position', value: 'combineByPosition' }],
			default: 'combineByPosition',
		},
		{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
	]),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const first = this.getInputData(0);
		const second = this.getInputData(1);
		const merged = first.slice(0, Math.min(first.length, second.length)).map((item, index) => ({
			json: { ...item.json, ...second[index].json },
			binary: { ...item.binary, ...second[index].binary },
			pairedItem: [
				{ item: index, input: 0 },
				{ item: index, input: 1 },
			],
		}));
		return [merged];
	},
};

export const baseNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': manualTrigger,
	'n8n-nodes-base.readWriteFile': readWriteFile,
	'n8n-nodes-base.merge': merge,
};
