/**
 * Bad input of one field of an item, found before anything is sent: which
 * field (as the editor labels it) and what is wrong. The execution turns it
 * into the NodeOperationError a user reads, naming the item
 * (execution/errors/errorItems.ts).
 */
export class FieldInputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
	}
}
