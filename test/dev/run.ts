/**
 * `npm run dev`: a real n8n with this package, the way n8n's own `n8n-node
 * dev` sets one up: the package in n8n's custom nodes folder, `tsc --watch`
 * compiling into it, N8N_DEV_RELOAD=true so that n8n reloads the node when
 * it changes (refresh the editor). The local fal emulator behind a `falApi`
 * credential (fal.ai itself when FAL_KEY is set), an owner account set up
 * headlessly, every example imported. Ctrl-C stops n8n, the compiler and
 * the emulator.
 *
 * n8n comes from the end-to-end runtime (installed on first use, a few
 * minutes; reused after); its data stays in test/dev/.n8n-dev/ between runs.
 * DEV_PORT picks the editor's port (default 5678); N8N_E2E_LINE=1 runs n8n 1.x.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import {
	docExampleFiles,
	EMULATOR_ADMIN_FAL_KEY,
	EMULATOR_FAL_KEY,
	startFalEmulator,
} from '../emulator';
import { N8nInstance, type WorkflowJson } from '../e2e/n8n';
import { REPO_ROOT } from '../e2e/n8nPackage';
import { OWNER } from '../e2e/n8nRest';
import { ensureN8n } from '../e2e/runtime';

// N8N_DEV_DIR: another folder (the end-to-end test of this script uses a temporary one).
const DEV_DIR = process.env.N8N_DEV_DIR ?? join(__dirname, '.n8n-dev');
const PACKAGE_NAME = 'n8n-nodes-fal-ai';

/**
 * The package as n8n finds it among custom nodes (as `n8n-node dev` links it
 * there): its manifest and dist/, which `tsc --watch` keeps current. Not a
 * link to the repository itself: n8n would search all of it for nodes,
 * node_modules and the e2e runtime's n8n included.
 */
function installIntoCustomFolder(userFolder: string): string {
	const packageDir = join(userFolder, '.n8n', 'custom', 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	writeFileSync(
		join(packageDir, 'package.json'),
		JSON.stringify({ name: manifest.name, version: manifest.version, n8n: manifest.n8n }, null, 2),
	);
	// Icons and codex files come from the build; the compiler keeps the code current.
	cpSync(join(REPO_ROOT, 'dist'), join(packageDir, 'dist'), { recursive: true });
	return packageDir;
}

function watchCompile(packageDir: string): ChildProcess {
	const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
	const child = spawn(
		tsc,
		[
			'-p',
			join(REPO_ROOT, 'tsconfig.json'),
			'--watch',
			'--preserveWatchOutput',
			'--outDir',
			join(packageDir, 'dist'),
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	child.stdout!.on('data', (chunk: Buffer) => {
		for (const line of chunk
			.toString()
			.split('\n')
			.filter((text) => /error|Watching/.test(text)))
			console.log(`tsc: ${line.trim()}`);
	});
	return child;
}

/** n8n names the nodes of its custom folder CUSTOM.<name>; the examples, written for the installed package, are imported so. */
const CUSTOM_TYPES: Record<string, string> = {
	[`${PACKAGE_NAME}.fal`]: 'CUSTOM.fal',
	[`${PACKAGE_NAME}.falTool`]: 'CUSTOM.falTool',
};

function examples(): WorkflowJson[] {
	const dir = join(REPO_ROOT, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson;
			const nodes = workflow.nodes.map((node) => ({
				...node,
				type: CUSTOM_TYPES[node.type] ?? node.type,
			}));
			return {
				...workflow,
				nodes,
				id: `dev${basename(file, '.json').replace(/[^a-zA-Z0-9]/g, '')}`.slice(0, 32),
			};
		});
}

async function main(): Promise<void> {
	if (!existsSync(join(REPO_ROOT, 'dist', 'nodes', 'Fal', 'Fal.node.js')))
		throw new Error('dist/ is missing: run "npm run build" first (npm run dev does)');
	const runtime = ensureN8n();
	const n8n = N8nInstance.persistent(runtime, DEV_DIR, { N8N_DEV_RELOAD: 'true' });
	const packageDir = installIntoCustomFolder(n8n.userFolder);
	const falKey = process.env.FAL_KEY?.trim();
	const emulator = falKey
		? undefined
		: await startFalEmulator({
				remoteFiles: docExampleFiles(),
				queueTimeMs: 300,
				inferenceTimeMs: 1200,
			});
	const tsc = watchCompile(packageDir);
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n, the compiler and the emulator…');
		tsc.kill('SIGTERM');
		await n8n.stop();
		await emulator?.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	try {
		// Re-imported each run: the emulator's port changes, and a FAL_KEY may have been set.
		const data = (key: string) =>
			falKey ? { apiKey: falKey } : { apiKey: key, proxyUrl: emulator!.proxyUrl };
		await n8n.importCredentials([
			{
				id: 'devFalCredential',
				name: 'fal.ai account',
				type: 'falApi',
				data: data(EMULATOR_FAL_KEY),
			},
			{
				id: 'devFalAdminCredential',
				name: 'fal.ai admin key',
				type: 'falApi',
				data: data(EMULATOR_ADMIN_FAL_KEY),
			},
		]);
		await n8n.importWorkflows(examples());
		const url = await n8n.start(Number(process.env.DEV_PORT ?? 5678));
		await n8n.signIn();
		console.log(`\nn8n ${runtime.version} with ${PACKAGE_NAME} (hot reload on): ${url}`);
		console.log(`Sign in as ${OWNER.email} / ${OWNER.password}`);
		console.log(
			falKey
				? 'fal: fal.ai, with the key in FAL_KEY'
				: `fal: the local emulator at ${emulator!.url} (credential "fal.ai account"; set FAL_KEY for fal.ai)`,
		);
		console.log(
			`Every example is imported (Overview → Workflows). Edit nodes/ or credentials/: tsc rebuilds, n8n reloads; refresh the editor.`,
		);
		console.log('Ctrl-C stops everything.');
	} catch (error) {
		console.error(error);
		await stop(1);
	}
}

void main();
