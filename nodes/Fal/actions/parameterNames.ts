/**
 * The names of the parameters that pick what the node does: the resource, its
 * operation, and Generation's (and Queue Request's) Model. Saved workflows
 * hold these names and values: they never change.
 */

export const RESOURCE_PARAMETER = 'resource';
export const OPERATION_PARAMETER = 'operation';
export const MODEL_PARAMETER = 'model';

/** Workflows saved before the resource selector existed have no resource: they are generations. */
export const DEFAULT_RESOURCE = 'generation';

/** The Model selection for any fal endpoint that has no curated file ("Any fal Endpoint"). */
export const OTHER_MODEL = 'other';
