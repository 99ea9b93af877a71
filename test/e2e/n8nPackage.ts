/**
 * The package as a user gets it into n8n: packed with `npm pack` (exactly the
 * files of the registry's tarball) and installed where n8n's Community Nodes
 * screen puts it; and an instance's working directory set up as the README
 * tells users to.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-fal-ai';

/** `npm pack` of the built package: exactly the files a user gets from the registry. */
function packPackage(destination: string): string {
	const result = spawnSync('npm', ['pack', '--pack-destination', destination, '--loglevel=error'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
	return join(destination, result.stdout.trim().split('\n').pop()!);
}

/**
 * Installs a package tarball the way n8n's Community Nodes screen does
 * (CommunityPackagesService.downloadPackage): unpacked into
 * <user folder>/.n8n/nodes/node_modules/<name>, dev/peer/optional
 * dependencies stripped, then `npm install` with n8n's own flags.
 */
function installCommunityPackage(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
		delete manifest[key];
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const install = spawnSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, encoding: 'utf8' },
	);
	if (install.status !== 0)
		throw new Error(`npm install of ${PACKAGE_NAME}'s dependencies failed: ${install.stderr}`);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { [PACKAGE_NAME]: manifest.version },
			},
			null,
			2,
		),
	);
}

/** Packs the built package into `packDir` and installs it in the user folder, as a user would. */
export function installPackedPackage(userFolder: string, packDir: string): void {
	installCommunityPackage(userFolder, packPackage(packDir));
}

/**
 * n8n's working directory as the README tells users to set it up:
 * examples/images/ and an output/ folder (Write Files to Disk in n8n 2.x does
 * not create folders).
 */
export function setUpWorkDir(workDir: string): void {
	cpSync(join(REPO_ROOT, 'examples', 'images'), join(workDir, 'examples', 'images'), {
		recursive: true,
	});
	mkdirSync(join(workDir, 'output'), { recursive: true });
}
