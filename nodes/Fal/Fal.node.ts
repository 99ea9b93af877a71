import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { route } from './actions/router';
import { falNodeProperties, falNodeSubtitle } from './description/index';
import { falNodeMethods } from './methods/index';

export class Fal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'fal.ai',
		name: 'fal',
		icon: { light: 'file:../../credentials/fal.svg', dark: 'file:../../credentials/fal.dark.svg' },
		group: ['transform'],
		// 2: "Any fal Endpoint" picks its endpoint from fal's catalogue and takes typed fields.
		// Workflows saved with 1 keep its Endpoint ID and JSON input.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: falNodeSubtitle,
		// Also what an AI agent reads when the node is its tool.
		description:
			"Generate and edit images, video and audio with fal.ai models (inpainting, image to image, or any fal endpoint with its typed inputs) and run fal workflows; check, fetch or cancel queued fal requests; upload files to fal storage; search fal's models and prices; read the account's usage, analytics, balance and request history. Returns fal's JSON with file URLs; files also as binary data.",
		defaults: { name: 'fal.ai' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'falApi', required: true }],
		properties: falNodeProperties,
	};

	methods = falNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this);
	}
}
