import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * fal's free key check (see fal-protocol.md): initiating a storage upload costs
 * nothing, answers 200 for a valid key, 401 for an unknown one, 403 for a
 * locked account.
 */
const KEY_CHECK_URL = 'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3';

export class FalApi implements ICredentialType {
	name = 'falApi';

	displayName = 'fal.ai API';

	icon: Icon = { light: 'file:fal.svg', dark: 'file:fal.dark.svg' };

	documentationUrl = 'https://docs.fal.ai/model-apis/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'key_id:key_secret',
			description: 'Your fal key, from fal.ai → Dashboard → Keys. It looks like key_id:key_secret.',
		},
		{
			displayName: 'Proxy URL',
			name: 'proxyUrl',
			type: 'string',
			default: '',
			placeholder: 'https://my-server.example.com/api/fal/proxy',
			description:
				'Optional. A fal server proxy that receives every request, with the original fal URL in the x-fal-target-url header. Leave empty to talk to fal directly.',
		},
	];

	// The one place the key is added to a request: the node's requests to fal
	// go through n8n's httpRequestWithAuthentication with this credential.
	// Trimmed, since a key pasted with a stray space or newline is common.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Key {{$credentials.apiKey.trim()}}',
			},
		},
	};

	// Through the proxy when one is set, exactly as @fal-ai/client sends it:
	// the proxy URL as the address, fal's URL in x-fal-target-url.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: `={{ $credentials.proxyUrl ? $credentials.proxyUrl.trim() : "${KEY_CHECK_URL}" }}`,
			headers: {
				'x-fal-target-url': `={{ $credentials.proxyUrl ? "${KEY_CHECK_URL}" : undefined }}`,
			},
			body: { content_type: 'text/plain', file_name: 'check.txt' },
			json: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'fal does not know this API key. Check it in fal.ai → Dashboard → Keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'fal refused this key: the account is locked, for example because its balance is exhausted.',
				},
			},
		],
	};
}
