/**
 * The node speaks fal's protocol itself (nodes/Fal/transport/); these tests
 * hold every request it makes to the one @fal-ai/client, unchanged, sends for
 * the same call: captured side by side at the emulator, compared on method,
 * fal URL (path and query), where it went, body, and the headers fal reads.
 * Both ways of reaching fal: through the credential's Proxy URL, and to fal's
 * own hosts (queue.fal.run, rest.fal.ai) over TLS, through an HTTPS_PROXY.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, type FalEmulator, type RouteName, startFalEmulator } from '../emulator';
import { type FalClient, fetchThroughProxy, oracleClient } from '../helpers/falClient';
import { falHostTunnels, type ForwardProxy, startForwardProxy } from '../helpers/forwardProxy';
import { makePng, patternedPng, toBlob } from '../helpers/images';
import { type ChildRunRequest, type NodeInChild, startNodeInChild } from '../helpers/nodeInChild';
import { testCertificates } from '../helpers/tls';
import { shutdownN8nCore } from '../n8n/credentialTest';
import { runFalNode } from '../n8n/falNode';
import { cleanUpBinaryData, useBinaryDataMode } from '../n8n/workflow';
import { type WireRequest, wireRequests } from './wire';

// Typed as string: the client's endpoint map would otherwise type each input, and these are the emulator's jobs' own.
const ENDPOINT: string = 'fal-ai/fast-sdxl/inpainting';
const PHOTO = makePng(32, 32, [200, 30, 30]);
const MASK = makePng(32, 32, [255, 255, 255]);

let emulator: FalEmulator;
let forwardProxy: ForwardProxy;
let child: NodeInChild;
let workDir: string;

beforeAll(async () => {
	const certificates = testCertificates();
	emulator = await startFalEmulator({ tls: certificates, capture: true });
	forwardProxy = await startForwardProxy(falHostTunnels(emulator.tlsPort));
	// HTTPS_PROXY only: fal's API hosts are https; the emulator's upload URLs and files are plain http on this machine.
	child = await startNodeInChild({
		HTTPS_PROXY: forwardProxy.url,
		NODE_EXTRA_CA_CERTS: certificates.caPath,
	});
	workDir = mkdtempSync(join(tmpdir(), 'fal-wire-'));
	await useBinaryDataMode('default');
}, 60_000);

afterAll(async () => {
	await child?.stop();
	await forwardProxy?.stop();
	await emulator?.stop();
	rmSync(workDir, { recursive: true, force: true });
	cleanUpBinaryData();
	shutdownN8nCore();
});

beforeEach(() => {
	emulator.reset();
	emulator.configure({ queueTimeMs: 10, inferenceTimeMs: 30 });
});

/** A file input: its bytes, or (for big ones) a file the node's item reads from disk. */
type InputFile =
	| { bytes: Buffer; fileName?: string; mimeType: string }
	| { path: string; fileName?: string; mimeType: string };

interface Mode {
	name: string;
	/** Runs the node (one item) with a credential for this way of reaching fal; fails the test if the node failed. */
	node: (
		parameters: INodeParameters,
		binary?: Record<string, InputFile>,
	) => Promise<Record<string, unknown>>;
	client: () => FalClient;
}

const throughProxyUrl: Mode = {
	name: "through the credential's Proxy URL",
	node: async (parameters, binary) => {
		const { items, error } = await runFalNode({
			credentials: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
			parameters,
			items: [{ binary }],
		});
		if (error) throw error;
		return items[0].json;
	},
	client: () => oracleClient({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl }),
};

const directly: Mode = {
	name: "to fal's hosts directly, through HTTPS_PROXY",
	node: async (parameters, binary) => {
		const files: ChildRunRequest['items'][number]['binary'] = {};
		for (const [name, file] of Object.entries(binary ?? {})) {
			const { mimeType, fileName } = file;
			files[name] =
				'bytes' in file
					? { base64: file.bytes.toString('base64'), mimeType, fileName }
					: { path: file.path, mimeType, fileName };
		}
		const { items, error } = await child.run({
			credentials: { apiKey: EMULATOR_FAL_KEY },
			parameters,
			items: [{ binary: files }],
		});
		if (error) throw new Error(`${error.message}\n${error.description ?? ''}`);
		return items[0].json;
	},
	// The client's own fetch option, sending https through the same forward proxy, as HTTPS_PROXY
	// does for the node (Node's fetch ignores HTTPS_PROXY).
	client: () =>
		oracleClient({
			apiKey: EMULATOR_FAL_KEY,
			fetch: fetchThroughProxy(forwardProxy.url, testCertificates().ca),
		}),
};

/** The requests of `routes` that `send` makes, as the wire sees them. */
async function captured(routes: RouteName[], send: () => Promise<unknown>): Promise<WireRequest[]> {
	emulator.captured = [];
	await send();
	return wireRequests(emulator.captured, routes);
}

/** Inpainting with both images by URL (nothing to upload), not waiting. */
function submitParameters(webhookUrl?: string): INodeParameters {
	return {
		model: 'fast-sdxl',
		operation: 'inpaint',
		prompt: 'a tiger on a bench',
		image_url_input: 'url',
		image_url: emulator.hostFile(PHOTO, 'image/png', 'photo.png'),
		mask_url_input: 'url',
		mask_url: emulator.hostFile(MASK, 'image/png', 'mask.png'),
		options: { format: 'png', seed: 7 },
		waitForCompletion: false,
		...(webhookUrl ? { webhookUrl } : {}),
	};
}

/** A request submitted by the client (not compared). */
async function submittedRequest(client: FalClient): Promise<string> {
	const input = {
		image_url: emulator.hostFile(PHOTO, 'image/png', 'p.png'),
		mask_url: emulator.hostFile(MASK, 'image/png', 'm.png'),
		prompt: 'x',
		format: 'png',
	};
	return (await client.queue.submit(ENDPOINT, { input })).request_id;
}

/** A finished request, submitted by the client (not compared). */
async function finishedRequest(client: FalClient): Promise<string> {
	const requestId = await submittedRequest(client);
	await client.queue.subscribeToStatus(ENDPOINT, { requestId, pollInterval: 10 });
	return requestId;
}

const queueRequest = (
	operation: string,
	requestId: string,
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'queueRequest',
	model: 'fast-sdxl',
	operation,
	requestId,
	...extra,
});

describe.each([throughProxyUrl, directly].map((mode) => [mode.name, mode] as const))(
	'%s',
	(_, mode) => {
		test.each([undefined, 'https://example.com/fal-webhook?run=1&step=a b'])(
			'submit (webhook: %s)',
			async (webhookUrl) => {
				let submitted: Record<string, unknown> = {};
				const fromNode = await captured(
					['submit'],
					async () => (submitted = await mode.node(submitParameters(webhookUrl))),
				);
				const { input } = emulator.job(String(submitted.requestId))!;
				const fromClient = await captured(['submit'], () =>
					mode.client().queue.submit(ENDPOINT, { input, ...(webhookUrl ? { webhookUrl } : {}) }),
				);
				expect(fromNode).toHaveLength(1);
				expect(fromNode[0].target).toBe(
					`queue.fal.run/${ENDPOINT}${webhookUrl ? `?fal_webhook=${encodeURIComponent(webhookUrl).replace(/%20/g, '+')}` : ''}`,
				);
				expect(fromNode).toEqual(fromClient);
			},
		);

		test("submit with fal's queue options: Start Timeout, low priority, no payloads kept, output files' lifetime", async () => {
			let submitted: Record<string, unknown> = {};
			const nodeOptions = {
				startTimeoutSeconds: 45,
				queuePriority: 'low',
				keepPayloads: false,
				outputLifetimeSeconds: 3600,
			};
			const fromNode = await captured(
				['submit'],
				async () => (submitted = await mode.node({ ...submitParameters(), nodeOptions })),
			);
			const { input } = emulator.job(String(submitted.requestId))!;
			const options = {
				input,
				startTimeout: 45,
				priority: 'low' as const,
				storageSettings: { expiresIn: 3600 },
				headers: { 'X-Fal-Store-IO': '0' },
			};
			const fromClient = await captured(['submit'], () =>
				mode.client().queue.submit(ENDPOINT, options),
			);
			expect(fromNode[0].headers).toMatchObject({
				'x-fal-request-timeout': '45',
				'x-fal-queue-priority': 'low',
				'x-fal-store-io': '0',
				'x-fal-object-lifecycle-preference': '{"expiration_duration_seconds":3600}',
			});
			expect(fromNode).toEqual(fromClient);
		});

		test('submit of a run that waits: Max Wait is sent as the Start Timeout', async () => {
			let output: Record<string, unknown> = {};
			const fromNode = await captured(
				['submit'],
				async () =>
					(output = await mode.node({
						...submitParameters(),
						waitForCompletion: true,
						nodeOptions: { maxWaitSeconds: 90 },
					})),
			);
			const { input } = emulator.job(String(output.requestId))!;
			const fromClient = await captured(['submit'], () =>
				mode.client().queue.submit(ENDPOINT, { input, startTimeout: 90 }),
			);
			expect(fromNode[0].headers['x-fal-request-timeout']).toBe('90');
			expect(fromNode).toEqual(fromClient);
		});

		test("submit with Max Queue Length: the client's request, plus fal_max_queue_length (which the client has no option for)", async () => {
			let submitted: Record<string, unknown> = {};
			const fromNode = await captured(
				['submit'],
				async () =>
					(submitted = await mode.node({
						...submitParameters(),
						nodeOptions: { maxQueueLength: 3 },
					})),
			);
			const { input } = emulator.job(String(submitted.requestId))!;
			const fromClient = await captured(['submit'], () =>
				mode.client().queue.submit(ENDPOINT, { input }),
			);
			expect(fromNode[0].target).toBe(`queue.fal.run/${ENDPOINT}?fal_max_queue_length=3`);
			// The query also travels in x-fal-target-url through a Proxy URL.
			expect(
				JSON.parse(JSON.stringify(fromNode).replaceAll('?fal_max_queue_length=3', '')),
			).toEqual(fromClient);
		});

		test.each([true, false])('status (logs: %s)', async (logs) => {
			const requestId = await finishedRequest(mode.client());
			const fromNode = await captured(['status'], () =>
				mode.node(queueRequest('getStatus', requestId, { includeLogs: logs })),
			);
			const fromClient = await captured(['status'], () =>
				mode.client().queue.status(ENDPOINT, { requestId, logs }),
			);
			expect(fromNode.map((request) => request.target)).toEqual([
				`queue.fal.run/fal-ai/fast-sdxl/requests/<id>/status?logs=${logs ? 1 : 0}`,
			]);
			expect(fromNode).toEqual(fromClient);
		});

		test('status stream, then result: a run that waits', async () => {
			emulator.configure({ inferenceTimeMs: 300 });
			let output: Record<string, unknown> = {};
			const fromNode = await captured(
				['statusStream', 'result'],
				async () => (output = await mode.node({ ...submitParameters(), waitForCompletion: true })),
			);
			expect(output.images).toHaveLength(1);
			const client = mode.client();
			const { request_id: requestId } = await client.queue.submit(ENDPOINT, {
				input: emulator.job(String(output.requestId))!.input,
			});
			const fromClient = await captured(['statusStream', 'result'], async () => {
				await (await client.queue.streamStatus(ENDPOINT, { requestId, logs: true })).done();
				await client.queue.result(ENDPOINT, { requestId });
			});
			expect(fromNode.map((request) => request.route)).toEqual(['statusStream', 'result']);
			expect(fromNode).toEqual(fromClient);
		});

		test('result: Get Result of a finished request (a status check, then the result)', async () => {
			const requestId = await finishedRequest(mode.client());
			const fromNode = await captured(['status', 'result'], () =>
				mode.node(queueRequest('getResult', requestId)),
			);
			const client = mode.client();
			const fromClient = await captured(['status', 'result'], async () => {
				await client.queue.status(ENDPOINT, { requestId, logs: false });
				await client.queue.result(ENDPOINT, { requestId });
			});
			expect(fromNode.map((request) => request.route)).toEqual(['status', 'result']);
			expect(fromNode).toEqual(fromClient);
		});

		test('cancel', async () => {
			emulator.configure({ inferenceTimeMs: 5000 });
			const client = mode.client();
			const [first, second] = [await submittedRequest(client), await submittedRequest(client)];
			const fromNode = await captured(['cancel'], () => mode.node(queueRequest('cancel', first)));
			const fromClient = await captured(['cancel'], () =>
				client.queue.cancel(ENDPOINT, { requestId: second }),
			);
			expect(fromNode.map((request) => request.route)).toEqual(['cancel']);
			expect(fromNode).toEqual(fromClient);
		});

		test.each([
			['a named file', 'photo.png'],
			['a file without a name', undefined],
		])('storage: initiate and PUT, %s', async (_, fileName) => {
			const upload = { resource: 'file', operation: 'upload', binaryPropertyName: 'data' };
			const fromNode = await captured(['uploadInitiate', 'uploadPut'], () =>
				mode.node(upload, { data: { bytes: PHOTO, mimeType: 'image/png', fileName } }),
			);
			const blob = fileName
				? new File([toBlob(PHOTO, 'image/png')], fileName, { type: 'image/png' })
				: toBlob(PHOTO, 'image/png');
			const fromClient = await captured(['uploadInitiate', 'uploadPut'], () =>
				mode.client().storage.upload(blob),
			);
			expect(fromNode.map((request) => request.route)).toEqual(['uploadInitiate', 'uploadPut']);
			expect(fromNode).toEqual(fromClient);
		});

		test('storage: multipart upload of a 95 MiB file (initiate, 10 parts, complete)', async () => {
			const bytes = patternedPng(95 * 1024 * 1024);
			const path = join(workDir, 'big.png');
			writeFileSync(path, bytes);
			const routes: RouteName[] = ['multipartInitiate', 'multipartPart', 'multipartComplete'];
			const upload = { resource: 'file', operation: 'upload', binaryPropertyName: 'data' };
			const fromNode = await captured(routes, () =>
				mode.node(upload, { data: { path, mimeType: 'image/png', fileName: 'big.png' } }),
			);
			const fromClient = await captured(routes, () =>
				mode
					.client()
					.storage.upload(new File([toBlob(bytes, 'image/png')], 'big.png', { type: 'image/png' })),
			);
			expect(fromNode.map((request) => request.route)).toEqual([
				'multipartInitiate',
				...Array(10).fill('multipartPart'),
				'multipartComplete',
			]);
			expect(fromNode).toEqual(fromClient);
		}, 120_000);
	},
);
