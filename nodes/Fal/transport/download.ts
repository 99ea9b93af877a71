import type { IBinaryData, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { type RetryPolicy, sendWithRetries, TRANSIENT_STATUSES } from './retry';

/** How a downloaded file is stored, decided from its first bytes and the server's content type. */
export type DescribeFile = (
	head: Buffer,
	contentType: string | undefined,
) => { fileName: string; mimeType: string };

/** The response body as n8n's helper gives it with `encoding: 'stream'` (an IncomingMessage). */
type BodyStream = NodeJS.ReadableStream & { destroy(): void; readableEnded: boolean };

/**
 * Downloads a file of fal's (an output on its CDN) with n8n's HTTP helper, so
 * n8n's proxy and TLS settings apply, streaming it into n8n's binary store:
 * a 500 MB video is never held whole. Passing faults are retried under the
 * node's policy (a try that breaks off mid-file starts the file again). A file
 * whose Content-Length is over `maxBytes` is not downloaded: its size comes
 * back instead.
 */
export async function downloadFile(
	context: IExecuteFunctions,
	url: string,
	policy: RetryPolicy,
	describe: DescribeFile,
	maxBytes = Number.POSITIVE_INFINITY,
): Promise<IBinaryData | { tooLarge: number }> {
	const { answer } = await sendWithRetries(
		policy,
		{ route: 'download', retriedStatuses: TRANSIENT_STATUSES, signal: policy.cancelSignal },
		async () => {
			const response = (await context.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				// Statuses are judged by the retry rule: a 503 is retried, a 404 is not.
				ignoreHttpStatusErrors: true,
				abortSignal: policy.cancelSignal,
			})) as IN8nHttpFullResponse;
			const headers = response.headers as Record<string, unknown>;
			const answer = {
				statusCode: response.statusCode,
				statusMessage: response.statusMessage,
				headers,
			};
			const body = response.body as unknown as BodyStream;
			if (response.statusCode >= 300) return { ...answer, body };
			const length = Number(headers['content-length']);
			if (length > maxBytes) {
				body.destroy();
				return { ...answer, body: { tooLarge: length } };
			}
			const contentType =
				typeof headers['content-type'] === 'string'
					? headers['content-type'].split(';')[0]
					: undefined;
			const { head, file } = await peek(body, HEAD_BYTES);
			const { fileName, mimeType } = describe(head, contentType);
			return {
				...answer,
				body: await context.helpers.prepareBinaryData(file as Buffer, fileName, mimeType),
			};
		},
	);
	if (answer.statusCode < 300) return answer.body as IBinaryData | { tooLarge: number };
	(answer.body as BodyStream).destroy();
	throw new Error(
		`Downloading ${url} failed: HTTP ${answer.statusCode}${answer.statusMessage ? ` ${answer.statusMessage}` : ''}`,
	);
}

/** Enough for every image signature the node knows (helpers/imageType.ts). */
const HEAD_BYTES = 16;

/**
 * The stream's first bytes, and the whole file: the stream with those bytes
 * put back, or the bytes themselves when the file was no longer than that.
 */
async function peek(
	stream: BodyStream,
	bytes: number,
): Promise<{ head: Buffer; file: BodyStream | Buffer }> {
	const taken: Buffer[] = [];
	let length = 0;
	while (length < bytes && !stream.readableEnded) {
		const chunk = stream.read() as Buffer | null;
		if (chunk === null) {
			await new Promise<void>((resolve, reject) => {
				const settle = () => {
					stream.removeListener('readable', settle);
					stream.removeListener('end', settle);
					stream.removeListener('error', fail);
					resolve();
				};
				const fail = (error: Error) => {
					stream.removeListener('readable', settle);
					stream.removeListener('end', settle);
					reject(error);
				};
				stream.once('readable', settle);
				stream.once('end', settle);
				stream.once('error', fail);
			});
			continue;
		}
		taken.push(chunk);
		length += chunk.length;
	}
	const head = Buffer.concat(taken);
	if (stream.readableEnded) return { head: head.subarray(0, bytes), file: head };
	if (head.length > 0) stream.unshift(head);
	return { head: head.subarray(0, bytes), file: stream };
}
