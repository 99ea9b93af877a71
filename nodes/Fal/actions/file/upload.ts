import type { INodeProperties } from 'n8n-workflow';
import { isNodeError } from '../../execution/errorItems';
import type { BinaryFileInput } from '../../fields/requestBody';
import { FieldInputError } from '../../fields/values';
import { checkBinaryInput, uploadBinaryInput } from '../../helpers/inputFiles';
import { OPERATION_PARAMETER, RESOURCE_PARAMETER, UPLOAD_BINARY_PARAMETER } from '../../parameters';
import { toNodeError } from '../../transport/errors';
import type { ItemOperation } from '../operation';

/**
 * File → Upload: a file from the item's binary data to fal storage. Its URL
 * can then go into any fal input (or several), without uploading it again
 * each time.
 */

const show = { [RESOURCE_PARAMETER]: ['file'] };
const BINARY_LABEL = 'Input Binary Field';
/** fal storage is not an endpoint; errors name it this way. */
const STORAGE = 'fal storage';

export const fileDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: OPERATION_PARAMETER,
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file to fal storage',
				description:
					'Upload a binary file of the item and return its fal storage URL, for use as input of fal endpoints',
			},
		],
		default: 'upload',
	},
	{
		displayName: BINARY_LABEL,
		name: UPLOAD_BINARY_PARAMETER,
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary field of the input item holding the file to upload',
		displayOptions: { show },
	},
];

export const upload: ItemOperation = {
	kind: 'item',
	async execute(context, itemIndex, connection) {
		const property = String(
			context.getNodeParameter(UPLOAD_BINARY_PARAMETER, itemIndex, '') ?? '',
		).trim();
		// The bytes go to storage only: no request body, so no body path.
		const input: BinaryFileInput = {
			bodyPath: '',
			label: BINARY_LABEL,
			property,
			imageOnly: false,
		};
		if (!property)
			throw new FieldInputError(
				BINARY_LABEL,
				'is empty; give the name of the binary field holding the file',
			);
		await checkBinaryInput(context, itemIndex, input);
		try {
			const uploaded = await uploadBinaryInput(context, connection, itemIndex, input);
			return [{ json: { ...uploaded } }];
		} catch (error) {
			throw isNodeError(error)
				? error
				: toNodeError(context.getNode(), error, { itemIndex, endpointId: STORAGE });
		}
	},
};

export const file = { upload };
