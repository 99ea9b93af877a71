/**
 * The emulator stands in for fal, so it must not know the node: no module of
 * test/emulator imports anything outside it (nodes/, credentials/, or them
 * through test/helpers), only Node's modules and npm packages. Otherwise a
 * mistake in the node's data would reach the emulator and agree with itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const EMULATOR_DIR = __dirname;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** The relative specifiers a file imports or re-exports (type-only ones too), as TypeScript reads them. */
function relativeImports(file: string): string[] {
	const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
	return importedFiles.map(({ fileName }) => fileName).filter((name) => name.startsWith('.'));
}

test('no module of the emulator imports from outside test/emulator', () => {
	const outside = sourceFiles(EMULATOR_DIR).flatMap((file) =>
		relativeImports(file)
			.filter((specifier) =>
				relative(EMULATOR_DIR, resolve(file, '..', specifier)).startsWith('..'),
			)
			.map((specifier) => `${relative(EMULATOR_DIR, file)} imports ${specifier}`),
	);
	expect(outside).toEqual([]);
});
