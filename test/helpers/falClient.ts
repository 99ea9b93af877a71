/**
 * @fal-ai/client, unchanged: the oracle. The conformance tests drive the
 * emulator with it, and the wire-equivalence tests hold the node's requests
 * to the ones it sends. A dev dependency only; the node speaks fal's protocol
 * itself (nodes/Fal/transport/).
 */
import { ApiError, createFalClient, type FalClient, ValidationError } from '@fal-ai/client';
import { fetch as undiciFetch, ProxyAgent } from 'undici';

export { ApiError, ValidationError };
export type { FalClient };

/**
 * A client as a server should build one: per credential (never the global
 * `fal` singleton), through a fal server proxy when there is one (`when:
 * 'always'`: the default proxies only in browsers), and optionally with a
 * `fetch` of the caller's (to reach fal's hosts through a forward proxy).
 */
export function oracleClient(options: {
	apiKey: string;
	proxyUrl?: string;
	fetch?: typeof fetch;
}): FalClient {
	return createFalClient({
		credentials: options.apiKey,
		suppressLocalCredentialsWarning: true,
		...(options.proxyUrl ? { proxyUrl: { url: options.proxyUrl, when: 'always' as const } } : {}),
		...(options.fetch ? { fetch: options.fetch } : {}),
	});
}

/**
 * A `fetch` for the client that sends https requests through a forward proxy
 * (trusting `ca`), as HTTPS_PROXY does for n8n; plain http goes directly.
 * Node's own fetch ignores HTTPS_PROXY.
 */
export function fetchThroughProxy(proxyUrl: string, ca: string): typeof fetch {
	const dispatcher = new ProxyAgent({ uri: proxyUrl, requestTls: { ca } });
	return (async (input: string, init?: RequestInit) =>
		await undiciFetch(input, {
			...(init as object),
			...(input.startsWith('https:') ? { dispatcher } : {}),
		})) as unknown as typeof fetch;
}
