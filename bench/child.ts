import { shutdownN8nCore } from '../test/n8n/credentialTest';
import { cleanUpBinaryData } from '../test/n8n/engine';

/** A measured child process's end: its result (or error) sent to the parent, n8n-core shut down, then exit. */
export function answerParent<T>(main: () => Promise<T>): void {
	main().then(
		(result) => {
			cleanUpBinaryData();
			shutdownN8nCore();
			process.send!({ result }, () => process.exit(0));
		},
		(error: Error) => {
			cleanUpBinaryData();
			process.send!({ error: `${error.message}\n${error.stack ?? ''}` }, () => process.exit(1));
		},
	);
}
