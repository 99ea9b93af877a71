/**
 * The built package as n8n loads an installed community package: n8n-core's
 * PackageDirectoryLoader over this directory's package.json and dist/
 * (npm test builds first). What n8n's editor then shows: the node and
 * credential types, their icons inside the package, the codex.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

const root = resolve(__dirname, '../..');
let loader: PackageDirectoryLoader;

beforeAll(async () => {
	loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
});

test('registers the fal.ai node and the falApi credential under the package name', () => {
	expect(loader.packageName).toBe('n8n-nodes-fal-ai');
	expect(Object.keys(loader.known.nodes)).toEqual(['fal']);
	expect(Object.keys(loader.known.credentials)).toEqual(['falApi']);
	const [node] = loader.types.nodes;
	// n8n prefixes the package name when it registers the type: n8n-nodes-fal-ai.fal.
	expect(node).toMatchObject({
		name: 'fal',
		displayName: 'fal.ai',
		usableAsTool: true,
		credentials: [{ name: 'falApi', required: true }],
	});
});

test('resolves both themed icons to files inside the package', () => {
	const [node] = loader.types.nodes;
	const [credential] = loader.types.credentials;
	for (const iconUrl of [node.iconUrl, credential.iconUrl]) {
		const { light, dark } = iconUrl as { light: string; dark: string };
		expect(light).not.toBe(dark);
		for (const url of [light, dark]) {
			// n8n serves `icons/<package>/<path in package>`.
			const path = url.replace(/^icons\/n8n-nodes-fal-ai\//, '');
			expect(existsSync(join(root, path))).toBe(true);
		}
	}
});

test('reads the codex beside the node', () => {
	const [node] = loader.types.nodes;
	expect(node.codex).toMatchObject({
		categories: expect.arrayContaining(['AI']),
		alias: expect.arrayContaining(['inpainting']),
	});
});
