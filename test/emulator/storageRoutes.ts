/**
 * fal's storage as @fal-ai/client uses it: the initiate calls on
 * rest.fal.ai (single and multipart), then the emulator's own upload URLs
 * they hand out, and the file URLs uploaded and generated files are served
 * at. The files themselves are in storage.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizeQueue } from './auth';
import type { InjectFault } from './faultAnswers';
import { readBody, sendJson } from './http';
import type { FalEmulatorSettings, FalEmulatorStats } from './settings';
import type { FileStore } from './storage';

/** What the storage routes are given of the emulator (server.ts). */
export interface StorageHost {
	readonly settings: FalEmulatorSettings;
	readonly store: FileStore;
	stats(): FalEmulatorStats;
	injectFault: InjectFault;
}

const JSON_DECODE_ERROR = {
	detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }],
};

/** `POST https://rest.fal.ai/storage/upload/initiate[-multipart]`: `{upload_url, file_url}`. */
export async function handleStorageInitiate(
	host: StorageHost,
	target: URL,
	method: string,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const multipart = target.pathname === '/storage/upload/initiate-multipart';
	if (method !== 'POST' || (!multipart && target.pathname !== '/storage/upload/initiate')) {
		return sendJson(response, 404, { detail: `Not found: ${method} ${target.pathname}` });
	}
	const route = multipart ? 'multipartInitiate' : 'uploadInitiate';
	if (host.injectFault(route, request, response) === 'answered') return;
	if (authorizeQueue(request, response, host.settings, host.stats()) === undefined) return;
	let body: { content_type?: unknown; file_name?: unknown };
	try {
		body = JSON.parse((await readBody(request)).toString('utf8'));
	} catch {
		return sendJson(response, 422, JSON_DECODE_ERROR);
	}
	const errors = (['content_type', 'file_name'] as const)
		.filter((name) => typeof body[name] !== 'string')
		.map((name) => ({ loc: ['body', name], msg: 'Field required', type: 'missing' }));
	if (errors.length > 0) return sendJson(response, 422, { detail: errors });
	sendJson(
		response,
		200,
		host.store.initiate(body.content_type as string, body.file_name as string, multipart),
	);
}

/**
 * The emulator's own storage URLs: `PUT /upload/{token}`, `PUT
 * /upload-multipart/{token}/{n}`, `POST /upload-multipart/{token}/complete`
 * and `GET /files/…`. False when the path is none of them.
 */
export async function handleStorageUrl(
	host: StorageHost,
	segments: string[],
	method: string,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<boolean> {
	if (method === 'GET' && segments[0] === 'files') {
		serveFile(host, segments.slice(1).join('/'), request, response);
		return true;
	}
	if (method === 'PUT' && segments[0] === 'upload' && segments.length === 2) {
		await uploadSingle(host, segments[1], request, response);
		return true;
	}
	if (segments[0] === 'upload-multipart' && segments.length === 3) {
		if (method === 'POST' && segments[2] === 'complete') {
			await uploadComplete(host, segments[1], request, response);
			return true;
		}
		if (method === 'PUT') {
			await uploadPart(host, segments[1], Number(segments[2]), request, response);
			return true;
		}
	}
	return false;
}

async function uploadSingle(
	host: StorageHost,
	token: string,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	if (host.injectFault('uploadPut', request, response) === 'answered') return;
	const bytes = await readBody(request);
	const fileUrl = host.store.pendingFileUrl(token);
	if (!host.store.putSingle(token, bytes, request.headers['content-type'])) {
		return sendJson(response, 404, { detail: 'Unknown or used upload URL' });
	}
	const stats = host.stats();
	stats.uploads += 1;
	stats.uploadedFiles.push(fileUrl!);
	sendJson(response, 200, {});
}

async function uploadPart(
	host: StorageHost,
	token: string,
	partNumber: number,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	if (host.injectFault('multipartPart', request, response) === 'answered') return;
	const part = host.store.putPart(token, partNumber, await readBody(request));
	if (!part) return sendJson(response, 404, { detail: 'Unknown upload or part number' });
	sendJson(response, 200, part);
}

async function uploadComplete(
	host: StorageHost,
	token: string,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	if (host.injectFault('multipartComplete', request, response) === 'answered') return;
	let parts: Array<{ partNumber: number; etag: string }>;
	try {
		parts = JSON.parse((await readBody(request)).toString('utf8')).parts;
	} catch {
		return sendJson(response, 422, JSON_DECODE_ERROR);
	}
	const fileUrl = Array.isArray(parts) ? host.store.complete(token, parts) : undefined;
	if (!fileUrl) return sendJson(response, 400, { detail: 'Parts do not match the uploaded parts' });
	const stats = host.stats();
	stats.uploads += 1;
	stats.multipartUploads += 1;
	stats.uploadedFiles.push(fileUrl);
	sendJson(response, 200, { file_url: fileUrl });
}

function serveFile(
	host: StorageHost,
	fileId: string,
	request: IncomingMessage,
	response: ServerResponse,
): void {
	if (host.injectFault('file', request, response) === 'answered') return;
	const file = host.store.get(decodeURIComponent(fileId));
	if (!file) return sendJson(response, 404, { detail: 'File not found' });
	response.writeHead(200, {
		'content-type': file.contentType,
		'content-length': file.bytes.length,
		'content-disposition': `inline; filename="${file.fileName}"`,
	});
	response.end(file.bytes);
}
