/** The emulator as a command (`npm run fal-emulator -- --port N`), driven by the real client. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { oracleClient } from '../helpers/falClient';
import { EMULATOR_FAL_KEY } from '../emulator';
import { freePort } from '../helpers/ports';

it('listens on the given port and answers as fal', async () => {
	const port = await freePort();
	const root = resolve(__dirname, '../..');
	const child = spawn(
		process.execPath,
		[
			resolve(root, 'node_modules/tsx/dist/cli.mjs'),
			'test/emulator/cli.ts',
			'--port',
			String(port),
			'--queue-ms',
			'0',
			'--inference-ms',
			'10',
		],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	try {
		const banner = await new Promise<string>((done, fail) => {
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('API key:')) done(output);
			});
			child.on('exit', (code) => fail(new Error(`emulator exited with ${code}: ${output}`)));
		});
		expect(banner).toContain(`http://127.0.0.1:${port}/api/fal/proxy`);

		const fal = oracleClient({
			apiKey: EMULATOR_FAL_KEY,
			proxyUrl: `http://127.0.0.1:${port}/api/fal/proxy`,
		});
		const url = await fal.storage.upload(new Blob(['ping'], { type: 'text/plain' }));
		expect(await (await fetch(url)).text()).toBe('ping');
	} finally {
		child.kill('SIGTERM');
	}
});
