import { account } from './account';
import { file } from './file';
import { generation } from './generation';
import { model } from './model';
import type { Resource } from './operation';
import { queueRequest } from './queueRequest';
import { workflow } from './workflow';

/** The node's resources, in the order of the Resource selector. */
export const RESOURCES: readonly Resource[] = [
	generation,
	queueRequest,
	file,
	model,
	account,
	workflow,
];
