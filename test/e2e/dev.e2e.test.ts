/**
 * `npm run dev`'s script (test/dev/run.ts) as a contributor runs it: it
 * prints the editor's URL and the owner's sign-in, n8n has the node from its
 * custom folder and every example imported with it, and Ctrl-C (SIGINT to the
 * terminal's process group) leaves no process behind.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './n8nCli';
import { REPO_ROOT } from './n8nPackage';
import { OWNER } from './n8nRest';

function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

test('npm run dev: n8n with the node and the examples, the owner printed, nothing left after Ctrl-C', async () => {
	const devDir = mkdtempSync(join(tmpdir(), 'n8n-dev-e2e-'));
	const port = await freePort();
	const env: NodeJS.ProcessEnv = { ...process.env, DEV_PORT: String(port), N8N_DEV_DIR: devDir };
	delete env.FAL_KEY;
	delete env.NODE_ENV;
	// Its own process group, as a terminal gives a command.
	const dev = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['test/dev/run.ts'], {
		cwd: REPO_ROOT,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	dev.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	dev.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	try {
		for (
			const deadline = Date.now() + 150_000;
			!log.includes('Ctrl-C stops everything.');
			await sleep(500)
		) {
			if (dev.exitCode !== null || Date.now() > deadline)
				throw new Error(`npm run dev did not get ready:\n${log}`);
		}
		const url = `http://127.0.0.1:${port}`;
		expect(log).toContain(`(hot reload on): ${url}`);
		expect(log).toContain(`Sign in as ${OWNER.email} / ${OWNER.password}`);
		const login = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		expect(login.status).toBe(200);
		const cookie = login.headers
			.getSetCookie()
			.find((value) => value.startsWith('n8n-auth='))!
			.split(';')[0];
		const types = await (await fetch(`${url}/types/nodes.json`, { headers: { cookie } })).text();
		expect(types).toContain('"name":"CUSTOM.fal"');
		const workflow = (await (
			await fetch(`${url}/rest/workflows/devfastsdxlinpaint`, { headers: { cookie } })
		).json()) as { data: { nodes: Array<{ type: string }> } };
		expect(workflow.data.nodes.map((node) => node.type)).toContain('CUSTOM.fal');
	} finally {
		process.kill(-dev.pid!, 'SIGINT');
		for (const deadline = Date.now() + 30_000; groupAlive(dev.pid!) && Date.now() < deadline;)
			await sleep(250);
		const left = groupAlive(dev.pid!);
		if (left) process.kill(-dev.pid!, 'SIGKILL');
		rmSync(devDir, { recursive: true, force: true });
		expect(left).toBe(false);
	}
}, 240_000);
