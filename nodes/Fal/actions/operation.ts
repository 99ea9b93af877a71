import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { NodeOptionName } from '../execution/options/nodeOptions';
import type { Submitter } from '../execution/submissions';
import type { FalConnection } from '../transport/request';

/**
 * What an operation is: everything about it in its own file. It declares how
 * its resource's Operation selector offers it, its own parameters (shown for
 * it alone: description/ adds the resource and the operation to their
 * displayOptions), the Node Options that apply to it, and how it runs. One
 * of two kinds, which the router hands to the execution layer.
 */

/** Its entry in the Operation selector; `value` is what saved workflows hold. */
interface OperationOption {
	value: string;
	name: string;
	action: string;
	description: string;
}

interface Declared {
	option: OperationOption;
	properties: INodeProperties[];
	nodeOptions: readonly NodeOptionName[];
}

/** Runs once per input item, in order: lookups, uploads, platform calls. Nothing is billed. */
export interface ItemOperation extends Declared {
	kind: 'item';
	/** One item's output items; the execution pairs them with the item. */
	execute(
		context: IExecuteFunctions,
		itemIndex: number,
		connection: FalConnection,
	): Promise<INodeExecutionData[]>;
}

/** Submits billed requests to fal's queue, every item checked before anything is sent (execution/submissions.ts). */
export interface SubmittingOperation extends Declared, Submitter {
	kind: 'submit';
}

export type Operation = ItemOperation | SubmittingOperation;

/** A resource: its entry in the Resource selector and its operations. */
export interface Resource {
	option: { value: string; name: string; description: string };
	/** In the order their parameters are shown (the selector sorts their names). */
	operations: Operation[];
	/**
	 * The Operation selector's default. None: the resource has a single
	 * operation and no generic selector (Generation, whose Model entries offer
	 * their own operations).
	 */
	defaultOperation?: string;
	/** The Operation selector lists the operations in their order here; by default, by name. */
	keepOperationOrder?: boolean;
	/** Parameters of the resource shown before its operations' own (each with its displayOptions). */
	properties?: INodeProperties[];
}
