import { parseArgs } from 'node:util';
import { docExampleFiles } from './docExampleFiles';
import { EMULATOR_FAL_KEY, startFalEmulator } from './server';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '8787' },
		host: { type: 'string', default: '127.0.0.1' },
		key: { type: 'string', multiple: true },
		'queue-ms': { type: 'string', default: '500' },
		'inference-ms': { type: 'string', default: '1500' },
		concurrency: { type: 'string' },
		help: { type: 'boolean', short: 'h' },
	},
});

if (values.help) {
	console.log(`Local fal.ai emulator: a fal server proxy on this machine.

  npm run fal-emulator -- [--port 8787] [--host 127.0.0.1] [--key KEY ...]
                          [--queue-ms 500] [--inference-ms 1500] [--concurrency N]

Point a falApi credential's Proxy URL (or createFalClient's proxyUrl) at
http://HOST:PORT/api/fal/proxy and use one of the accepted keys. The fal docs'
example image URLs are served from offline copies (examples/images/). fal's
catalogue (https://api.fal.ai/v1/models) and endpoint documents
(https://fal.ai/api/openapi/queue/openapi.json) are answered too, without a key;
the rest of fal's Platform API (pricing, usage, analytics, request history,
billing, workflows) takes the API key, or the admin key where fal needs one.
--concurrency limits the jobs of each key that run at once (others wait).`);
	process.exit(0);
}

void (async () => {
	const emulator = await startFalEmulator({
		host: values.host,
		port: Number(values.port),
		keys: values.key ?? [EMULATOR_FAL_KEY],
		queueTimeMs: Number(values['queue-ms']),
		inferenceTimeMs: Number(values['inference-ms']),
		...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
		remoteFiles: docExampleFiles(),
	});
	console.log(`fal emulator listening on ${emulator.url}`);
	console.log(`  Proxy URL: ${emulator.proxyUrl}`);
	console.log(`  Admin key: ${emulator.settings.adminKeys.join(', ')}`);
	console.log(`  API key:   ${emulator.settings.keys.join(', ')}`);
	const stop = () => void emulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})();
