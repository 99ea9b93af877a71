/**
 * Behind a corporate proxy: n8n's request helpers apply the instance's
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, so the node reaches fal through the
 * proxy (a bare fetch ignored them). A forward proxy on 127.0.0.1 stands in
 * for the corporate one; it tunnels fal's hosts to the emulator, which
 * answers them over TLS with a certificate the node's process trusts through
 * NODE_EXTRA_CA_CERTS, as n8n trusts a TLS-inspecting proxy's CA.
 */
import {
	EMULATOR_FAL_KEY,
	expectedFillColour,
	type FalEmulator,
	startFalEmulator,
} from '../emulator';
import { falHostTunnels, type ForwardProxy, startForwardProxy } from '../helpers/forwardProxy';
import { makePng, pixelAt } from '../helpers/images';
import { type ChildRunRequest, startNodeInChild } from '../helpers/nodeInChild';
import { testCertificates } from '../helpers/tls';
import { INPAINT_FROM_BINARY_TO_FAL_HOSTS, requestsToFalHosts } from './wire';

const RED: [number, number, number] = [200, 30, 30];
const PHOTO = makePng(64, 64, RED);
const MASK = makePng(64, 64, [0, 0, 0], {
	x: 0,
	y: 0,
	width: 32,
	height: 32,
	colour: [255, 255, 255],
});

let emulator: FalEmulator;
let forwardProxy: ForwardProxy;

beforeAll(async () => {
	emulator = await startFalEmulator({
		tls: testCertificates(),
		capture: true,
		queueTimeMs: 10,
		inferenceTimeMs: 30,
	});
	forwardProxy = await startForwardProxy(falHostTunnels(emulator.tlsPort));
});

afterAll(async () => {
	await forwardProxy?.stop();
	await emulator?.stop();
});

/** Inpainting one photo from binary data, waiting for the output: uploads, the queue and a download. */
function inpaint(credentials: ChildRunRequest['credentials']): ChildRunRequest {
	return {
		credentials,
		parameters: {
			model: 'fast-sdxl',
			operation: 'inpaint',
			prompt: 'a tiger on a bench',
			options: {
				image_size: 'custom',
				image_size_width: 64,
				image_size_height: 64,
				format: 'png',
				seed: 42,
			},
		},
		items: [
			{
				binary: {
					data: { base64: PHOTO.toString('base64'), mimeType: 'image/png', fileName: 'photo.png' },
					mask: { base64: MASK.toString('base64'), mimeType: 'image/png', fileName: 'mask.png' },
				},
			},
		],
	};
}

async function runInChild(env: Record<string, string>, request: ChildRunRequest) {
	const child = await startNodeInChild(env);
	try {
		return await child.run(request);
	} finally {
		await child.stop();
	}
}

function expectInpainted(result: Awaited<ReturnType<typeof runInChild>>): void {
	expect(result.error).toBeUndefined();
	const [item] = result.items;
	const image = Buffer.from(item.binary.image.base64, 'base64');
	// The mask's white quarter is filled, the rest is the photo.
	expect(pixelAt(image, 5, 5)).toEqual(expectedFillColour('a tiger on a bench', 42, 0));
	expect(pixelAt(image, 50, 50)).toEqual(RED);
}

test("with HTTPS_PROXY and no Proxy URL, every request to fal's hosts goes through the proxy", async () => {
	emulator.reset();
	forwardProxy.tunnels.length = 0;
	forwardProxy.requests.length = 0;
	const result = await runInChild(
		{ HTTPS_PROXY: forwardProxy.url, NODE_EXTRA_CA_CERTS: testCertificates().caPath },
		inpaint({ apiKey: EMULATOR_FAL_KEY }),
	);
	expectInpainted(result);
	// fal's API hosts, tunnelled by the proxy: storage initiation, then the queue.
	expect(new Set(forwardProxy.tunnels)).toEqual(new Set(['rest.fal.ai:443', 'queue.fal.run:443']));
	expect(requestsToFalHosts(emulator.captured)).toEqual(INPAINT_FROM_BINARY_TO_FAL_HOSTS);
	// The emulator's upload URLs and its "CDN" are plain http on this machine: HTTPS_PROXY leaves them alone.
	expect(forwardProxy.requests).toEqual([]);
	expect(
		emulator.captured
			.filter((request) => request.address.startsWith('http://'))
			.map((request) => request.route),
	).toEqual(['uploadPut', 'uploadPut', 'file']);
	expect(emulator.jobs()).toHaveLength(1);
});

test('NO_PROXY keeps the hosts it names off the proxy', async () => {
	emulator.reset();
	forwardProxy.tunnels.length = 0;
	forwardProxy.requests.length = 0;
	const result = await runInChild(
		{ HTTPS_PROXY: forwardProxy.url, HTTP_PROXY: forwardProxy.url, NO_PROXY: '127.0.0.1' },
		inpaint({ apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl }),
	);
	expectInpainted(result);
	expect(forwardProxy.tunnels).toEqual([]);
	expect(forwardProxy.requests).toEqual([]);
	expect(emulator.captured.some((request) => request.route === 'submit')).toBe(true);
});
