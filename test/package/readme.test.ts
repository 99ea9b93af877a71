/**
 * The README against the repository: every image it shows exists (a PNG, as
 * the screenshots are), every workflow in examples/ is described in it, and
 * every example or local file it links to is there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Targets of Markdown links and images that point into the repository (not URLs, not anchors). */
function localTargets(pattern: RegExp): string[] {
	return [...README.matchAll(pattern)]
		.map((match) => match[1].split('#')[0])
		.filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

test('every image the README shows exists, and is a PNG', () => {
	const images = localTargets(/!\[[^\]]*\]\(([^)\s]+)\)/g);
	expect(images.length).toBeGreaterThan(5);
	const missing = images.filter((image) => !existsSync(join(ROOT, image)));
	expect(missing).toEqual([]);
	const notPng = images.filter(
		(image) =>
			!readFileSync(join(ROOT, image))
				.subarray(0, 8)
				.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
	);
	expect(notPng).toEqual([]);
});

test('every workflow in examples/ is described in the README', () => {
	const examples = readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.json'));
	expect(examples.length).toBeGreaterThan(0);
	expect(examples.filter((file) => !README.includes(`examples/${file}`))).toEqual([]);
});

test('every file the README links to is in the repository', () => {
	const links = localTargets(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g);
	expect(links.filter((link) => !existsSync(join(ROOT, link)))).toEqual([]);
});
