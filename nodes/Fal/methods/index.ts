import { getEndpointFields } from './endpointFields';
import { searchEndpoints } from './searchEndpoints';

/** What the editor calls while the node is being set up: the endpoint search and the endpoint's fields. */
export const falNodeMethods = {
	listSearch: { searchEndpoints },
	resourceMapping: { getEndpointFields },
};
