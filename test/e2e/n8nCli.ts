/**
 * n8n's processes as the end-to-end tests run them: one CLI command at a
 * time (import, execute, publish), read back when it exits, and long-running
 * ones (`start`, `worker`, `webhook`), whose output is kept as a log; and a
 * free port for each, since every n8n process starts a task broker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Execution } from './n8nRest';

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** What `n8n execute --rawOutput` printed: the run as JSON after n8n's log lines. */
export interface ExecuteResult extends CliResult {
	/** The execution (data.resultData.runData, status, …), when n8n printed one. */
	execution?: Execution;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

/** Runs one n8n CLI command to its end, its stdout through `stdoutFile`. */
export async function runCli(
	n8nBin: string,
	args: string[],
	{ cwd, env, stdoutFile }: { cwd: string; env: NodeJS.ProcessEnv; stdoutFile: string },
): Promise<CliResult> {
	// stdout into a file, not a pipe: n8n exits right after printing a run, and Node writes to a
	// pipe asynchronously, so a large run (base64 binaries) could come out cut short; file writes are synchronous.
	const stdoutFd = openSync(stdoutFile, 'w');
	return await new Promise((resolveResult, reject) => {
		const child = spawn(n8nBin, args, {
			cwd,
			env,
			stdio: ['ignore', stdoutFd, 'pipe'],
		});
		closeSync(stdoutFd);
		let stderr = '';
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('close', (code) => {
			const stdout = readFileSync(stdoutFile, 'utf8');
			rmSync(stdoutFile, { force: true });
			resolveResult({ code, stdout, stderr });
		});
	});
}

/** `n8n execute --rawOutput`'s result with the execution it printed, if it printed one. */
export function withExecution(result: CliResult): ExecuteResult {
	// Log lines, then the execution as pretty JSON from a line that is exactly "{"
	// to one that is exactly "}"; a failed execution is printed the same way,
	// after "Execution error:".
	const lines = result.stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0) return result;
	return { ...result, execution: JSON.parse(lines.slice(start, end + 1).join('\n')) };
}

/** A long-running n8n process; `log()` is what it has printed so far. */
export function spawnN8n(
	n8nBin: string,
	args: string[],
	{ cwd, env, detached }: { cwd: string; env: NodeJS.ProcessEnv; detached?: boolean },
): { child: ChildProcess; log: () => string } {
	const child = spawn(n8nBin, args, {
		cwd,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached,
	});
	let log = '';
	child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	return { child, log: () => log };
}
