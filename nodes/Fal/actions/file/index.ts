import type { Resource } from '../operation';
import { upload } from './upload';

/** File: fal storage. */
export const file: Resource = {
	option: {
		name: 'File',
		value: 'file',
		description: 'Upload a file to fal storage and get its URL',
	},
	operations: [upload],
	defaultOperation: 'upload',
};
