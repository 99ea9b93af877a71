/**
 * The API key shows up nowhere (issue 6): not in output items, error
 * messages and descriptions, the node description or the logs, whatever
 * goes wrong on the way.
 */
import { EMULATOR_FAL_KEY } from '../emulator';
import { freePort } from '../helpers/ports';
import { falNodeType } from '../n8n/falNode';
import { useEmulator } from './fixtures';
import { items, logs, parameters, TRANSIENT_FAULTS, useCapturedLogs } from './retriesSetup';

const { emulator, run } = useEmulator();
useCapturedLogs();

describe('the API key', () => {
	const KEY = 'a1b2c3d4-key-id:5e6f7a8b9c0d-key-secret';
	const SECRET = KEY.split(':')[1];

	test('appears nowhere: not in output items, error messages and descriptions, the node description or the logs', async () => {
		emulator().configure({ keys: [EMULATOR_FAL_KEY, KEY] });
		const consoleLines: string[] = [];
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
			jest
				.spyOn(console, level)
				.mockImplementation(
					(...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')),
				),
		);
		const seen: unknown[] = [];
		const runWithKey = async (options: Parameters<typeof run>[0]) => {
			const result = await run({
				credentials: { apiKey: KEY, proxyUrl: emulator().proxyUrl },
				...options,
			});
			seen.push(result.items, result.errorOutput, result.messages, {
				message: result.error?.message,
				description: result.error?.description,
				context: result.error?.context,
			});
			return result;
		};
		try {
			// Success after retries (the retry log lines), a 422, a failed job, faults that outlast the retries.
			emulator().configure({ faults: TRANSIENT_FAULTS });
			expect((await runWithKey({ parameters: parameters(), items: items(4) })).items).toHaveLength(
				4,
			);
			emulator().configure({ faults: [{ route: 'submit', kind: 'fail-job', calls: [1] }] });
			await runWithKey({ parameters: parameters(), items: items(2), continueOnFail: true });
			emulator().configure({
				faults: [{ route: 'status', kind: 'unavailable', status: 502, rate: 1 }],
			});
			await runWithKey({
				parameters: parameters({ maxRetries: 1, statusMode: 'poll' }),
				items: items(1),
			});
			emulator().configure({ faults: [] });
			await runWithKey({
				parameters: {
					...parameters(),
					image_url_input: 'url',
					image_url: `${emulator().url}/files/missing/x.png`,
				},
				items: items(1),
			});
			// fal unreachable: a connection error, with the key in the request headers.
			const unreachable = await run({
				credentials: {
					apiKey: KEY,
					proxyUrl: `http://127.0.0.1:${await freePort()}/api/fal/proxy`,
				},
				parameters: parameters({ maxRetries: 1 }),
				items: items(1),
			});
			seen.push({
				message: unreachable.error?.message,
				description: unreachable.error?.description,
				context: unreachable.error?.context,
			});
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		// The key was in use: fal (the emulator) received it with every job.
		expect(
			emulator()
				.jobs()
				.every((job) => job.headers.authorization === `Key ${KEY}`),
		).toBe(true);
		expect(logs.lines.length).toBeGreaterThan(0);
		const everything = JSON.stringify([seen, logs.lines, consoleLines, falNodeType.description]);
		expect(everything).toContain('fal request ID');
		expect(everything).not.toContain(SECRET);
		expect(everything).not.toContain(KEY.split(':')[0]);
	}, 30_000);
});
