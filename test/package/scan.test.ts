/**
 * Verification-ready: what `npm pack` ships has no runtime dependency, only
 * n8n-workflow as a peer, and passes n8n's community package scan, run
 * offline with the scanner's own analyzer and config (scanPackage.mjs) on
 * both of its legs, the unpacked tarball and the source. npm test builds
 * first, so dist/ is what this commit compiles to.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
let work: string;
let unpacked: string;
let packedFiles: string[];

beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'fal-scan-'));
	const tarball = execFileSync('npm', ['pack', '--pack-destination', work, '--loglevel=error'], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop()!;
	unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	packedFiles = execFileSync('tar', ['-tzf', join(work, tarball)], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.map((file) => file.replace(/^package\//, ''));
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface ScanReport {
	tarball: { passed: boolean; details?: string };
	source: { passed: boolean; details?: string };
}

function scan(packageDir: string, sourceDir: string): ScanReport {
	// Not jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base reads it and then takes every file for a test fixture.
	const env = { ...process.env };
	delete env.NODE_ENV;
	const result = spawnSync(
		process.execPath,
		[join(__dirname, 'scanPackage.mjs'), packageDir, sourceDir],
		{ cwd: root, env, encoding: 'utf8' },
	);
	if (result.status !== 0)
		throw new Error(`scanPackage.mjs failed (${result.status}): ${result.stderr}`);
	return JSON.parse(result.stdout) as ScanReport;
}

test('the tarball holds the built package only, with no runtime dependency and n8n-workflow as its one peer', () => {
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	expect(manifest.dependencies).toBeUndefined();
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(packedFiles.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
		'LICENSE.md',
		'README.md',
		'package.json',
	]);
	expect(packedFiles).toEqual(
		expect.arrayContaining([
			'dist/nodes/Fal/Fal.node.js',
			'dist/credentials/FalApi.credentials.js',
		]),
	);
	// Nothing of @fal-ai/client is in it or required by it.
	const requires = packedFiles
		.filter((file) => file.endsWith('.js'))
		.flatMap((file) =>
			[...readFileSync(join(unpacked, file), 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)].map(
				(match) => match[1],
			),
		);
	expect([...new Set(requires)].sort()).toEqual(['n8n-workflow', 'node:crypto']);
});

test("passes n8n's community package scan on both legs: 0 findings", () => {
	const report = scan(unpacked, root);
	expect(report.tarball).toEqual({ passed: true });
	expect(report.source).toEqual({ passed: true });
}, 120_000);

test('the scan does find what verification forbids (a runtime dependency, a timer, a restricted import)', () => {
	const broken = join(work, 'broken');
	cpSync(unpacked, broken, { recursive: true });
	const manifestPath = join(broken, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	writeFileSync(
		manifestPath,
		JSON.stringify({ ...manifest, dependencies: { '@fal-ai/client': '^1.10.1' } }, null, 2),
	);
	// A dev dependency may be required (the rule takes it for bundled); a module that is none may not.
	appendFileSync(
		join(broken, 'dist/nodes/Fal/transport/retry.js'),
		'\nsetTimeout(() => undefined, 1);\nrequire("node:stream");\n',
	);
	const { tarball } = scan(broken, root);
	expect(tarball.passed).toBe(false);
	for (const rule of ['no-runtime-dependencies', 'no-restricted-globals', 'no-restricted-imports'])
		expect(tarball.details).toContain(`@n8n/community-nodes/${rule}`);
}, 120_000);
