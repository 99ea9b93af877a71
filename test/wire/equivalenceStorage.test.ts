/**
 * The node's uploads to fal storage held to the one @fal-ai/client's for the
 * same file, both ways of reaching fal: initiate and PUT, with and without a
 * file name, and a multipart upload of a big file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteName } from '../emulator';
import { patternedPng, toBlob } from '../helpers/images';
import { captured, MODES, PHOTO, useWireEmulator, workDir } from './equivalenceSetup';

useWireEmulator();

describe.each(MODES)('%s', (_, mode) => {
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
});
