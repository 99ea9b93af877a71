import type { INodeProperties } from 'n8n-workflow';

/** The notice above an operation that fal serves only to an admin key (Get Usage, Get Balance, Delete Request Payloads). */
export function adminKeyNotice(name: string, warning = ''): INodeProperties {
	return {
		displayName: `This operation needs a fal admin key (fal.ai → Dashboard → Keys, scope ADMIN) in the credential.${warning ? ` ${warning}` : ''}`,
		name,
		type: 'notice',
		default: '',
	};
}
