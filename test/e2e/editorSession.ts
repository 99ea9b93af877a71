/**
 * A started n8n as its editor meets it: the package installed, the local fal
 * emulator behind a `falApi` credential, the owner signed in; and the REST
 * route the editor asks an endpoint's Fields from. Shared by the tests that
 * set up Any fal Endpoint the way a user does.
 */
import type { ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, type FalEmulator, startFalEmulator } from '../emulator';
import { N8nInstance, PACKAGE_NAME } from './n8n';
import { ensureN8n } from './runtime';

export const FAL_NODE = { name: `${PACKAGE_NAME}.fal`, version: 2 };

export interface EditorSession {
	emulator: () => FalEmulator;
	n8n: () => N8nInstance;
	/** The node's credential, as a node's `credentials` names it. */
	credentials: { falApi: { id: string; name: string } };
}

/** Starts the emulator and n8n before the file's tests, stops them after. */
export function useEditorSession(credentialId: string): EditorSession {
	let emulator: FalEmulator | undefined;
	let n8n: N8nInstance | undefined;
	const credentials = { falApi: { id: credentialId, name: 'fal.ai account' } };
	beforeAll(async () => {
		emulator = await startFalEmulator();
		n8n = N8nInstance.create(ensureN8n());
		await n8n.importCredentials([
			{
				...credentials.falApi,
				type: 'falApi',
				data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
			},
		]);
		await n8n.start();
		await n8n.signIn();
	}, 600_000);
	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});
	return { emulator: () => emulator!, n8n: () => n8n!, credentials };
}

/** The Fields of an endpoint as the editor loads them once it is picked (`/rest/dynamic-node-parameters/resource-mapper-fields`). */
export async function editorEndpointFields(
	session: EditorSession,
	endpoint: { mode: 'id' | 'list'; value: string },
): Promise<ResourceMapperField[]> {
	const answer = await session
		.n8n()
		.restPost<ResourceMapperFields>('dynamic-node-parameters/resource-mapper-fields', {
			nodeTypeAndVersion: FAL_NODE,
			path: 'parameters.inputFields',
			methodName: 'getEndpointFields',
			currentNodeParameters: {
				resource: 'generation',
				model: 'other',
				endpoint: { __rl: true, ...endpoint },
			},
			credentials: session.credentials,
		});
	return answer.fields;
}
