import { getEndpointFields } from './endpointFields';
import { searchEndpoints } from './searchEndpoints';
import { getWorkflowFields, searchWorkflows } from './workflows';

/** What the editor calls while the node is being set up: the endpoint and workflow searches, and their fields. */
export const falNodeMethods = {
	listSearch: { searchEndpoints, searchWorkflows },
	resourceMapping: { getEndpointFields, getWorkflowFields },
};
