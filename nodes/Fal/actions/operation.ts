import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { NodeOptionValues } from '../nodeOptions';
import type { FalConnection } from '../transport/request';
import type { RequestTarget } from './generation/target';

/**
 * The two kinds of operation the router runs (router.ts). Each operation
 * module exports one, with its description.
 */

/** Runs once per input item, in order: lookups, uploads, platform calls. Nothing is billed. */
export interface ItemOperation {
	kind: 'item';
	/** One item's output items; the router pairs them with the item. */
	execute(
		context: IExecuteFunctions,
		itemIndex: number,
		connection: FalConnection,
	): Promise<INodeExecutionData[]>;
}

/** One item's request, checked, with how to run it: what a submitting operation plans before anything is sent. */
export interface PlannedItem extends RequestTarget {
	options: NodeOptionValues;
	wait: boolean;
	webhookUrl?: string;
}

/**
 * Submits billed requests to fal's queue (Generation, Workflow → Run): every
 * item is checked first, so that bad input fails before anything is paid
 * for; then items run side by side.
 */
export interface SubmittingOperation {
	kind: 'submit';
	/** For one execution: the function that checks one item and plans its request (nothing is sent). */
	planner(
		context: IExecuteFunctions,
		connection: FalConnection,
	): (itemIndex: number) => Promise<PlannedItem>;
	/** Whether Node Options → Max Cost per Execution applies. */
	costCeiling: boolean;
}

export type Operation = ItemOperation | SubmittingOperation;
