import { type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';
import { generate } from './actions/generate';
import { falNodeProperties, falNodeSubtitle } from './description';

export class Fal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'fal.ai',
		name: 'fal',
		icon: { light: 'file:../../credentials/fal.svg', dark: 'file:../../credentials/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: falNodeSubtitle,
		description: 'Inpaint and transform images with fal.ai models',
		defaults: { name: 'fal.ai' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'falApi', required: true }],
		properties: falNodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await generate.call(this);
	}
}
