/**
 * The falApi credential, tested as n8n tests it when the user clicks "Test"
 * in the credential dialog: its test request through n8n-core's RoutingNode,
 * against the emulator as a fal proxy.
 */
import { type INodeProperties, Workflow } from 'n8n-workflow';
import { FalApi } from '../../credentials/FalApi.credentials';
import {
	EMULATOR_FAL_KEY,
	EMULATOR_LOCKED_FAL_KEY,
	type FalEmulator,
	startFalEmulator,
} from '../emulator';
import { runCredentialTest, shutdownN8nCore } from '../n8n/credentialTest';

const credential = new FalApi();
let emulator: FalEmulator;

beforeAll(async () => {
	emulator = await startFalEmulator();
});

afterAll(async () => {
	shutdownN8nCore();
	await emulator.stop();
});

beforeEach(() => emulator.reset());

it('describes the falApi type: API key as a password, optional proxy URL, themed icons', () => {
	expect(credential.name).toBe('falApi');
	expect(credential.displayName).toBe('fal.ai API');
	expect(credential.icon).toEqual({ light: 'file:fal.svg', dark: 'file:fal.dark.svg' });
	const byName = Object.fromEntries(
		credential.properties.map((property) => [property.name, property]),
	) as Record<string, INodeProperties>;
	expect(Object.keys(byName)).toEqual(['apiKey', 'proxyUrl']);
	expect(byName.apiKey).toMatchObject({
		type: 'string',
		required: true,
		typeOptions: { password: true },
	});
	expect(byName.proxyUrl).toMatchObject({ type: 'string', default: '' });
	expect(byName.proxyUrl.displayName).toBe('Proxy URL');
	expect(byName.proxyUrl.required).toBeUndefined();
});

it('accepts a good key: the storage initiate call, through the proxy, with Authorization: Key', async () => {
	const result = await runCredentialTest(credential, {
		apiKey: EMULATOR_FAL_KEY,
		proxyUrl: emulator.proxyUrl,
	});
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(emulator.stats.requests.uploadInitiate).toBe(1);
	expect(emulator.stats.authFailures).toBe(0);
	// Free: nothing submitted, nothing uploaded.
	expect(emulator.stats.submissions).toEqual({});
	expect(emulator.stats.uploads).toBe(0);
});

// With n8n-core 2.x the error reaching the tester carries no HTTP response, so
// n8n shows its own message for 401/403 and the credential's rules (kept for
// the n8n versions that do pass the response on) are not consulted.
it('rejects an unknown key with a message about the credentials', async () => {
	const result = await runCredentialTest(credential, {
		apiKey: 'unknown-id:unknown-secret',
		proxyUrl: emulator.proxyUrl,
	});
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/does not know this API key|check your credentials/);
	expect(result.message).not.toContain('unknown-secret');
	// n8n's request helper tries a 401 a second time, re-authenticated.
	expect(emulator.stats.authFailures).toBeGreaterThanOrEqual(1);
});

it('rejects a locked account', async () => {
	const result = await runCredentialTest(credential, {
		apiKey: EMULATOR_LOCKED_FAL_KEY,
		proxyUrl: emulator.proxyUrl,
	});
	expect(result).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/locked|Forbidden/),
	});
	expect(emulator.stats.authFailures).toBe(1);
});

it('reports an unreachable proxy as an error, not success', async () => {
	const result = await runCredentialTest(credential, {
		apiKey: EMULATOR_FAL_KEY,
		proxyUrl: 'http://127.0.0.1:9/api/fal/proxy',
	});
	expect(result.status).toBe('Error');
});

describe('the request n8n builds from the credential', () => {
	// What RoutingNode resolves, without sending: the test request's expressions
	// and the generic auth, evaluated by n8n-workflow's expression engine.
	function resolve(data: Record<string, string>) {
		const workflow = new Workflow({
			nodes: [{ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => ({}) as never,
				getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
				getKnownTypes: () => ({}),
			},
		});
		const node = workflow.getNode('n')!;
		const value = (expression: string) =>
			workflow.expression.getSimpleParameterValue(
				node,
				expression,
				'internal',
				{ $credentials: data },
				undefined,
				'',
			);
		const request = credential.test.request;
		return {
			url: value(request.url!),
			target: value(request.headers!['x-fal-target-url'] as string),
			authorization: value(credential.authenticate.properties.headers!.Authorization as string),
		};
	}

	it('goes straight to fal when no proxy is set', () => {
		expect(resolve({ apiKey: 'id:secret', proxyUrl: '' })).toEqual({
			url: 'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3',
			target: undefined,
			authorization: 'Key id:secret',
		});
	});

	it("goes to the proxy with fal's URL in x-fal-target-url when one is set", () => {
		expect(resolve({ apiKey: 'id:secret', proxyUrl: ' https://proxy.example/api/fal ' })).toEqual({
			url: 'https://proxy.example/api/fal',
			target: 'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3',
			authorization: 'Key id:secret',
		});
	});
});
