/**
 * What the resilience tests (issue 6: retriesBackoff, retriesSubmission,
 * retriesApiKey) share: n8n's logger recording instead of printing, items
 * whose uploads can fault too, the node's parameters with short backoffs, and
 * passing faults on every route. Jest loads this module afresh for each test
 * file, so `logs` is that file's own, set before each test by
 * useCapturedLogs.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';
import type { FaultRule } from '../emulator';
import { makePng } from '../helpers/images';
import type { TestItem } from '../n8n/workflow';
import { inpaintParameters, MASK_PNG } from './fixtures';

/** Short backoffs keep the tests quick; the policy is the same as with the default 1 s. */
const FAST_RETRIES = { retryDelayMs: 5 };

/** n8n's logger, as nodes get it (`this.logger`), recording instead of printing. */
function captureLogs(): { lines: string[]; restore: () => void } {
	const original = Container.get(Logger);
	const lines: string[] = [];
	const record = (message: string, meta?: unknown) =>
		void lines.push(`${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	const capture = {
		error: record,
		warn: record,
		info: record,
		debug: record,
		scoped: () => capture,
	};
	Container.set(Logger, capture as unknown as Logger);
	return { lines, restore: () => Container.set(Logger, original) };
}

export let logs: ReturnType<typeof captureLogs>;

export function useCapturedLogs(): void {
	beforeEach(() => {
		logs = captureLogs();
	});
	afterEach(() => logs.restore());
}

/** Items with their own photo each and a shared mask, so uploads fault too. */
export function items(count: number): TestItem[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { prompt: `item ${index}` },
		binary: {
			data: {
				bytes: makePng(32, 32, [index % 256, 90, 160]),
				mimeType: 'image/png',
				fileName: `photo-${index}.png`,
			},
			mask: { bytes: MASK_PNG, mimeType: 'image/png', fileName: 'mask.png' },
		},
	}));
}

export const parameters = (nodeOptions: INodeParameters = {}): INodeParameters => ({
	...inpaintParameters({ prompt: '={{ $json.prompt }}' }),
	nodeOptions: { ...FAST_RETRIES, ...nodeOptions },
});

/** About one call in five fails on every route, with faults a submission may safely be retried after. */
export const TRANSIENT_FAULTS: FaultRule[] = [
	{ route: 'uploadInitiate', kind: 'unavailable', status: 503, rate: 0.1 },
	{ route: 'uploadInitiate', kind: 'drop', rate: 0.1 },
	{ route: 'uploadPut', kind: 'drop', rate: 0.1 },
	{ route: 'uploadPut', kind: 'unavailable', status: 502, rate: 0.1 },
	{ route: 'submit', kind: 'rate-limit', retryAfterSeconds: 0, rate: 0.1 },
	{ route: 'submit', kind: 'unavailable', status: 503, rate: 0.1 },
	{ route: 'statusStream', kind: 'drop', rate: 0.2 },
	{ route: 'status', kind: 'unavailable', status: 502, rate: 0.1 },
	{ route: 'status', kind: 'drop', rate: 0.1 },
	{ route: 'result', kind: 'unavailable', status: 504, rate: 0.1 },
	{ route: 'result', kind: 'drop', rate: 0.1 },
	{ route: 'file', kind: 'unavailable', status: 503, rate: 0.1 },
	{ route: 'file', kind: 'drop', rate: 0.1 },
];
