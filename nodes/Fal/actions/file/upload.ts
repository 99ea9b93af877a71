import { isNodeError } from '../../execution/errors/errorItems';
import { toNodeError } from '../../execution/errors/nodeErrors';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import { FieldInputError } from '../../request/fieldInputError';
import { checkBinaryInput, uploadBinaryInput } from '../../request/inputFiles';
import type { BinaryFileInput } from '../../request/plan';
import type { ItemOperation } from '../operation';

/**
 * File → Upload: a file from the item's binary data to fal storage. Its URL
 * can then go into any fal input (or several), without uploading it again
 * each time.
 */

const UPLOAD_BINARY_PARAMETER = 'binaryPropertyName';
const BINARY_LABEL = 'Input Binary Field';
/** fal storage is not an endpoint; errors name it this way. */
const STORAGE = 'fal storage';

export const upload: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload a file to fal storage',
		description:
			'Upload a binary file of the item and return its fal storage URL, for use as input of fal endpoints',
	},
	properties: [
		{
			displayName: BINARY_LABEL,
			name: UPLOAD_BINARY_PARAMETER,
			type: 'string',
			required: true,
			default: 'data',
			description: 'The binary field of the input item holding the file to upload',
		},
	],
	nodeOptions: RETRY_OPTIONS,
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
