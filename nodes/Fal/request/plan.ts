import type { IDataObject } from 'n8n-workflow';

/** What planning an item's request yields, whichever way its parameters were entered. */

/** Reads one node parameter of the current item (`getNodeParameter` bound to it). */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;

/** A file input still to be uploaded from the item's binary data. */
export interface BinaryFileInput {
	/** Where its fal storage URL goes in the body: a field name, or a dotted path for nested fields. */
	bodyPath: string;
	/** The parameter that names the binary field, as errors call it. */
	label: string;
	/** The binary field of the item. */
	property: string;
	/** The seed endpoints' inputs are images; other endpoints may take any file. */
	imageOnly: boolean;
}

/**
 * What one item will send: the body with every value checked, and the binary
 * inputs whose fal storage URLs still have to be filled in.
 */
export interface RequestPlan {
	body: IDataObject;
	binaryFiles: BinaryFileInput[];
}
