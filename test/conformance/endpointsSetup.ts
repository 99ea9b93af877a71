/**
 * What the conformance tests of the endpoints beyond the node's seed models
 * share (endpointsImages, endpointsMedia, endpointsValidation): the emulator
 * with quick queue and inference times and the real @fal-ai/client through it
 * (clientEmulator.ts); running an endpoint, and uploading and fetching files.
 */
import { toBlob } from '../helpers/images';
import { fal, useClientEmulator } from './clientEmulator';

export { emulator, fal } from './clientEmulator';

// Typed as string: the client's endpoint map would otherwise type the inputs.
export const FLUX: string = 'fal-ai/flux/dev';
export const EDIT: string = 'fal-ai/nano-banana/edit';
export const VIDEO: string = 'fal-ai/kling-video/v2.1/standard/image-to-video';
export const SPEECH: string = 'fal-ai/kokoro/american-english';
export const ARCHIVE: string = 'fal-ai/image-archive';

export interface OutputFile {
	url: string;
	content_type: string;
	file_name: string;
	file_size: number;
	width?: number;
	height?: number;
}

export function useEndpointsEmulator(): void {
	useClientEmulator({ queueTimeMs: 10, inferenceTimeMs: 20 });
}

export async function run(
	endpointId: string,
	input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
	const { data } = await fal.subscribe(endpointId, { input, pollInterval: 20 });
	return data as Record<string, unknown>;
}

export async function bytesAt(url: string): Promise<Buffer> {
	if (url.startsWith('data:')) return Buffer.from(url.split(',')[1], 'base64');
	const answer = await fetch(url);
	expect(answer.status).toBe(200);
	return Buffer.from(await answer.arrayBuffer());
}

export async function upload(bytes: Buffer, type: string): Promise<string> {
	return await fal.storage.upload(toBlob(bytes, type));
}
