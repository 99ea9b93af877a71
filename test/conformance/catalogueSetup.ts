/**
 * What the catalogue conformance tests share (catalogueModels,
 * catalogueDocuments): an emulator that also answers over TLS, a forward
 * proxy that tunnels fal's host names to it, and GETs of fal URLs through the
 * emulator as a fal proxy. Jest loads this module afresh for each test file,
 * so the bindings below are that file's own, set by useCatalogueEmulator's
 * beforeAll.
 */
import { type FalEmulator, type OpenApiDocument, startFalEmulator } from '../emulator';
import { type ForwardProxy, startForwardProxy } from '../helpers/forwardProxy';
import { testCertificates } from '../helpers/tls';

interface Model {
	endpoint_id: string;
	metadata: {
		display_name: string;
		category: string;
		description: string;
		status: string;
		tags: string[];
		model_url: string;
		kind: string;
		date: string;
	};
	openapi?: OpenApiDocument;
}

export interface ModelsPage {
	models: Model[];
	next_cursor: string | null;
	has_more: boolean;
}

export const MODELS = 'https://api.fal.ai/v1/models';
export const OPENAPI = 'https://fal.ai/api/openapi/queue/openapi.json';

export let emulator: FalEmulator;
export let forwardProxy: ForwardProxy;

export function useCatalogueEmulator(): void {
	beforeAll(async () => {
		emulator = await startFalEmulator({ tls: testCertificates() });
		const tunnel = { host: '127.0.0.1', port: emulator.tlsPort };
		forwardProxy = await startForwardProxy({ 'api.fal.ai:443': tunnel, 'fal.ai:443': tunnel });
	});

	afterAll(async () => {
		await forwardProxy?.stop();
		await emulator?.stop();
	});

	beforeEach(() => emulator.reset());
}

/** A GET of a fal URL through the emulator as a fal proxy; no key unless given. */
export async function viaProxy<T>(
	url: string,
	key?: string,
): Promise<{ status: number; contentType: string | null; body: T }> {
	const answer = await fetch(emulator.proxyUrl, {
		headers: { 'x-fal-target-url': url, ...(key ? { authorization: `Key ${key}` } : {}) },
	});
	return {
		status: answer.status,
		contentType: answer.headers.get('content-type'),
		body: (await answer.json()) as T,
	};
}

export function models(query: string, key?: string) {
	return viaProxy<ModelsPage>(`${MODELS}${query}`, key);
}
