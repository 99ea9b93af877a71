/**
 * A real n8n behind a corporate proxy, as users run one: started with
 * HTTPS_PROXY (and the proxy's CA in NODE_EXTRA_CA_CERTS, as a TLS-inspecting
 * proxy needs), a falApi credential without a Proxy URL. The node reaches
 * fal's own hosts (queue.fal.run, rest.fal.ai) through the proxy, here a
 * forward proxy on 127.0.0.1 that tunnels them to the emulator's TLS listener.
 * In that n8n a 95 MiB upload sends its multipart parts byte for byte and
 * header for header as @fal-ai/client does: n8n's own HTTP stack (2.x has one
 * of its own, @n8n/backend-network) must not change them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMULATOR_FAL_KEY, type FalEmulator, type RouteName, startFalEmulator } from '../emulator';
import { decodeImage } from '../emulator/images';
import { fetchThroughProxy, oracleClient } from '../helpers/falClient';
import { falHostTunnels, type ForwardProxy, startForwardProxy } from '../helpers/forwardProxy';
import { patternedPng, toBlob } from '../helpers/images';
import { testCertificates } from '../helpers/tls';
import { INPAINT_FROM_BINARY_TO_FAL_HOSTS, requestsToFalHosts, wireRequests } from '../wire/wire';
import { N8nInstance, type WorkflowJson } from './n8n';
import { REPO_ROOT } from './n8nPackage';
import { ensureN8n } from './runtime';

let emulator: FalEmulator;
let forwardProxy: ForwardProxy;
let n8n: N8nInstance;
let behindProxy: Record<string, string>;

const UPLOAD_WORKFLOW: WorkflowJson = {
	id: 'e2eProxyUpload',
	name: 'fal.ai: upload a big file',
	nodes: [
		{
			id: 'u1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'u2',
			name: 'Read Big File',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			position: [240, 0],
			parameters: { fileSelector: 'big.png', options: {} },
		},
		{
			id: 'u3',
			name: 'fal.ai',
			type: 'n8n-nodes-fal-ai.fal',
			typeVersion: 1,
			position: [480, 0],
			parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
			credentials: { falApi: { id: 'fal-ai-account', name: 'fal.ai account' } },
		},
	],
	connections: {
		Start: { main: [[{ node: 'Read Big File', type: 'main', index: 0 }]] },
		'Read Big File': { main: [[{ node: 'fal.ai', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

beforeAll(async () => {
	const certificates = testCertificates();
	emulator = await startFalEmulator({
		tls: certificates,
		capture: true,
		queueTimeMs: 50,
		inferenceTimeMs: 150,
	});
	forwardProxy = await startForwardProxy(falHostTunnels(emulator.tlsPort));
	behindProxy = { HTTPS_PROXY: forwardProxy.url, NODE_EXTRA_CA_CERTS: certificates.caPath };
	n8n = N8nInstance.create(ensureN8n());
	await n8n.importCredentials([
		{
			id: 'e2eFalNoProxyUrl',
			name: 'fal.ai account',
			type: 'falApi',
			data: { apiKey: EMULATOR_FAL_KEY },
		},
	]);
	const disk = JSON.parse(
		readFileSync(join(REPO_ROOT, 'examples', 'inpaint-from-disk.json'), 'utf8'),
	) as WorkflowJson;
	await n8n.importWorkflows([{ ...disk, id: 'e2eProxyDisk' }, UPLOAD_WORKFLOW]);
}, 600_000);

afterAll(async () => {
	await n8n?.dispose();
	await forwardProxy?.stop();
	await emulator?.stop();
});

test("the disk example, no Proxy URL: fal's hosts through HTTPS_PROXY", async () => {
	emulator.reset();
	forwardProxy.tunnels.length = 0;
	const result = await n8n.execute('e2eProxyDisk', behindProxy);
	expect(result.code).toBe(0);
	const [item] = result.execution!.data.resultData.runData['fal.ai'][0].data!.main[0]!;
	const image = decodeImage(n8n.binaryBytes(item.binary!.image));
	expect(image.width).toBeGreaterThan(0);
	expect(new Set(forwardProxy.tunnels)).toEqual(new Set(['rest.fal.ai:443', 'queue.fal.run:443']));
	expect(requestsToFalHosts(emulator.captured)).toEqual(INPAINT_FROM_BINARY_TO_FAL_HOSTS);
	expect(emulator.jobs()).toHaveLength(1);
});

test('a 95 MiB upload: the multipart requests are the ones @fal-ai/client sends', async () => {
	const bytes = patternedPng(95 * 1024 * 1024);
	writeFileSync(join(n8n.workDir, 'big.png'), bytes);
	const routes: RouteName[] = ['multipartInitiate', 'multipartPart', 'multipartComplete'];

	emulator.reset();
	const result = await n8n.execute(UPLOAD_WORKFLOW.id!, behindProxy);
	expect(result.code).toBe(0);
	const fromN8n = wireRequests(emulator.captured, routes);

	emulator.captured = [];
	const client = oracleClient({
		apiKey: EMULATOR_FAL_KEY,
		fetch: fetchThroughProxy(forwardProxy.url, testCertificates().ca),
	});
	await client.storage.upload(
		new File([toBlob(bytes, 'image/png')], 'big.png', { type: 'image/png' }),
	);
	const fromClient = wireRequests(emulator.captured, routes);

	expect(fromN8n.map((request) => request.route)).toEqual([
		'multipartInitiate',
		...Array(10).fill('multipartPart'),
		'multipartComplete',
	]);
	expect(fromN8n).toEqual(fromClient);
}, 180_000);
