/**
 * The node speaks fal's protocol itself (nodes/Fal/transport/); the
 * wire-equivalence tests (equivalenceSubmit, equivalenceRequests,
 * equivalenceStorage) hold every request it makes to the one @fal-ai/client,
 * unchanged, sends for the same call: captured side by side at the emulator,
 * compared on method, fal URL (path and query), where it went, body, and the
 * headers fal reads. Both ways of reaching fal (MODES): through the
 * credential's Proxy URL, and to fal's own hosts (queue.fal.run, rest.fal.ai)
 * over TLS, through an HTTPS_PROXY, with the node in a child process.
 *
 * Jest loads this module afresh for each test file, so the bindings below are
 * that file's own, set by useWireEmulator's beforeAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { EMULATOR_FAL_KEY, type FalEmulator, type RouteName, startFalEmulator } from '../emulator';
import { type FalClient, fetchThroughProxy, oracleClient } from '../helpers/falClient';
import { falHostTunnels, type ForwardProxy, startForwardProxy } from '../helpers/forwardProxy';
import { makePng } from '../helpers/images';
import { type ChildRunRequest, type NodeInChild, startNodeInChild } from '../helpers/nodeInChild';
import { testCertificates } from '../helpers/tls';
import { shutdownN8nCore } from '../n8n/credentialTest';
import { runFalNode } from '../n8n/falNode';
import { cleanUpBinaryData, useBinaryDataMode } from '../n8n/workflow';
import { type WireRequest, wireRequests } from './wire';

// Typed as string: the client's endpoint map would otherwise type each input, and these are the emulator's jobs' own.
export const ENDPOINT: string = 'fal-ai/fast-sdxl/inpainting';
export const PHOTO = makePng(32, 32, [200, 30, 30]);
const MASK = makePng(32, 32, [255, 255, 255]);

export let emulator: FalEmulator;
let forwardProxy: ForwardProxy;
let child: NodeInChild;
export let workDir: string;

export function useWireEmulator(): void {
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
}

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

/** Each way of reaching fal, as `describe.each` takes it: its name, then itself. */
export const MODES = [throughProxyUrl, directly].map((mode) => [mode.name, mode] as const);

/** The requests of `routes` that `send` makes, as the wire sees them. */
export async function captured(
	routes: RouteName[],
	send: () => Promise<unknown>,
): Promise<WireRequest[]> {
	emulator.captured = [];
	await send();
	return wireRequests(emulator.captured, routes);
}

/** Inpainting with both images by URL (nothing to upload), not waiting. */
export function submitParameters(webhookUrl?: string): INodeParameters {
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
export async function submittedRequest(client: FalClient): Promise<string> {
	const input = {
		image_url: emulator.hostFile(PHOTO, 'image/png', 'p.png'),
		mask_url: emulator.hostFile(MASK, 'image/png', 'm.png'),
		prompt: 'x',
		format: 'png',
	};
	return (await client.queue.submit(ENDPOINT, { input })).request_id;
}

/** A finished request, submitted by the client (not compared). */
export async function finishedRequest(client: FalClient): Promise<string> {
	const requestId = await submittedRequest(client);
	await client.queue.subscribeToStatus(ENDPOINT, { requestId, pollInterval: 10 });
	return requestId;
}

export const queueRequest = (
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
