/**
 * @fal-ai/client, unchanged: the oracle. The conformance tests drive the
 * emulator with it, and the wire-equivalence tests hold the node's requests
 * to the ones it sends. A dev dependency only; the node speaks fal's protocol
 * itself (nodes/Fal/transport/).
 */
import { ApiError, createFalClient, type FalClient, ValidationError } from '@fal-ai/client';

export { ApiError, ValidationError };
export type { FalClient };

/**
 * A client as a server should build one: per credential (never the global
 * `fal` singleton), through a fal server proxy when there is one (`when:
 * 'always'`: the default proxies only in browsers), and optionally with a
 * `fetch` of the caller's (to reach fal's hosts through a forward proxy).
 */
export function oracleClient(options: { apiKey: string; proxyUrl?: string; fetch?: typeof fetch }): FalClient {
	return createFalClient({
		credentials: options.apiKey,
		suppressLocalCredentialsWarning: true,
		...(options.proxyUrl ? { proxyUrl: { url: options.proxyUrl, when: 'always' as const } } : {}),
		...(options.fetch ? { fetch: options.fetch } : {}),
	});
}
