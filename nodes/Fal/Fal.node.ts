import { type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { generate } from './actions/generate';
import { queueRequest } from './actions/queueRequest';
import { uploadFile } from './actions/uploadFile';
import { falNodeProperties, falNodeSubtitle } from './description';
import { falNodeMethods } from './methods';
import { DEFAULT_RESOURCE, type Resource, RESOURCE_PARAMETER } from './parameters';

const actions: Record<Resource, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>> = {
	generation: generate,
	queueRequest,
	file: uploadFile,
};

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
			'Generate and edit images, video and audio with fal.ai models (inpainting, image to image, or any fal endpoint with its typed inputs); check, fetch or cancel queued fal requests; upload files to fal storage. Returns fal\'s JSON with file URLs; files also as binary data.',
		defaults: { name: 'fal.ai' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'falApi', required: true }],
		properties: falNodeProperties,
	};

	methods = falNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Workflows saved before the resource selector existed have no resource: they are generations.
		const resource = this.getNodeParameter(RESOURCE_PARAMETER, 0, DEFAULT_RESOURCE) as string;
		if (!(resource in actions)) {
			// The editor adds "Custom API Call" to the resources of nodes with an authenticating credential.
			throw new NodeOperationError(
				this.getNode(),
				`Resource "${resource}" is not one of this node's: use an HTTP Request node with the fal.ai credential (Predefined Credential Type) for custom API calls`,
			);
		}
		return await actions[resource as Resource].call(this);
	}
}
