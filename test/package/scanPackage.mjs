/**
 * n8n's verification scan, offline: @n8n/scan-community-package's own
 * analyzer and ESLint config (`analyzePackage`) run on both legs the scanner
 * lints, the unpacked `npm pack` tarball (every .js file and package.json)
 * and the source (package.json, nodes/ and credentials/). What `npx
 * @n8n/scan-community-package` adds before that needs the network: the npm
 * provenance check and the download of the attested GitHub source.
 *
 *   node test/package/scanPackage.mjs <unpacked tarball folder> <source folder>
 *
 * Prints one JSON object: for each leg, whether it passed and the findings.
 */
import { resolve } from 'node:path';
import tmp from 'tmp';

// The scanner makes a temporary folder when loaded; let it go at exit.
tmp.setGracefulCleanup();
const { analyzePackage, SOURCE_FILE_PATTERNS } =
	await import('@n8n/scan-community-package/scanner/scanner.mjs');

const [packageDir, sourceDir] = process.argv.slice(2);
if (!packageDir || !sourceDir) {
	console.error(
		'usage: node test/package/scanPackage.mjs <unpacked tarball folder> <source folder>',
	);
	process.exit(2);
}

const legs = {
	tarball: await analyzePackage(resolve(packageDir), ['**/*.js', 'package.json']),
	source: await analyzePackage(resolve(sourceDir), SOURCE_FILE_PATTERNS),
};
const report = Object.fromEntries(
	Object.entries(legs).map(([leg, result]) => [
		leg,
		{ passed: result.passed, message: result.message, details: result.details },
	]),
);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
