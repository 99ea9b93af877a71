/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian's `postgresql` and
 * `redis-server` (installed with apt-get when missing), run from a folder
 * the tests own, on 127.0.0.1 and free ports, stopped by the tests. Nothing
 * of the machine's own services is used or touched.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './n8nCli';

export interface Services {
	postgresPort: number;
	redisPort: number;
	/** The env n8n's processes need to use them (database, queue mode, Redis). */
	n8nEnv: Record<string, string>;
	stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

function postgresBinDir(): string | undefined {
	if (!existsSync(PG_ROOT)) return undefined;
	const versions = readdirSync(PG_ROOT)
		.filter((version) => existsSync(join(PG_ROOT, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(PG_ROOT, versions[0], 'bin') : undefined;
}

function hasRedis(): boolean {
	return spawnSync('redis-server', ['--version']).status === 0;
}

/** Debian's packages, installed when missing (the machine's apt; root needed). */
function ensureServicePackages(): string {
	if (!postgresBinDir() || !hasRedis()) {
		console.log('e2e: installing postgresql and redis-server with apt-get…');
		const install = spawnSync('apt-get', ['install', '-y', '-q', 'postgresql', 'redis-server'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (install.status !== 0)
			throw new Error(
				'apt-get install postgresql redis-server failed (it needs root and the Debian mirror)',
			);
	}
	const bin = postgresBinDir();
	if (!bin || !hasRedis())
		throw new Error('postgresql or redis-server is still missing after apt-get');
	return bin;
}

/** Runs a PostgreSQL program as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(program: string, args: string[]): { command: string; args: string[] } {
	return process.getuid?.() === 0
		? { command: 'runuser', args: ['-u', 'postgres', '--', program, ...args] }
		: { command: program, args };
}

function runOrThrow(program: string, args: string[]): void {
	const { command, args: fullArgs } = asPostgres(program, args);
	const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${result.stderr}`);
}

async function waitUntil(
	what: string,
	ready: () => Promise<boolean>,
	child: ChildProcess,
	log: () => string,
	timeoutMs = 30_000,
): Promise<void> {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(200)) {
		if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${log()}`);
		if (await ready()) return;
	}
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${log()}`);
}

async function redisAnswers(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
	});
}

function spawnLogged(command: string, args: string[]): { child: ChildProcess; log: () => string } {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	return { child, log: () => log };
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((done) => child.once('exit', done));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

/** Starts both in `root` (which must not exist yet or be empty); `stop()` ends them. */
export async function startServices(root: string): Promise<Services> {
	const pgBin = ensureServicePackages();
	mkdirSync(root, { recursive: true });
	// The postgres user must reach its data folder inside the tests' folder.
	chmodSync(root, 0o755);
	const dataDir = join(root, 'postgres');
	mkdirSync(dataDir);
	if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dataDir]);
	runOrThrow(join(pgBin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'n8n',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-instructions',
	]);
	const postgresPort = await freePort();
	const pg = asPostgres(join(pgBin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(postgresPort),
		'-k',
		dataDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200',
	]);
	const postgres = spawnLogged(pg.command, pg.args);
	const pgReady = async () =>
		spawnSync(join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(postgresPort)]).status ===
		0;
	await waitUntil('postgres', pgReady, postgres.child, postgres.log);
	runOrThrow(join(pgBin, 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(postgresPort),
		'-U',
		'n8n',
		'n8n',
	]);

	const redisPort = await freePort();
	const redisDir = join(root, 'redis');
	mkdirSync(redisDir);
	const redis = spawnLogged('redis-server', [
		'--port',
		String(redisPort),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		redisDir,
	]);
	await waitUntil(
		'redis-server',
		async () => await redisAnswers(redisPort),
		redis.child,
		redis.log,
	);

	return {
		postgresPort,
		redisPort,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgresPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
		},
		async stop() {
			// runuser does not pass signals on to postgres: pg_ctl's fast shutdown stops it, then its runuser ends.
			const pgCtl = asPostgres(join(pgBin, 'pg_ctl'), ['-D', dataDir, 'stop', '-m', 'fast', '-w']);
			spawnSync(pgCtl.command, pgCtl.args);
			await Promise.all([stopChild(postgres.child, 'SIGINT'), stopChild(redis.child, 'SIGTERM')]);
		},
	};
}
