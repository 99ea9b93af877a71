import type { Gate, Ticket } from './concurrency';

/**
 * Runs `task(0..count-1)`, starting them in order whenever the gate allows
 * (a fixed number, or Auto: see concurrency.ts); resolves when every started
 * task has settled. `shouldStop` is asked before each start: once it says
 * so, no further task starts (those running finish). Tasks must not reject:
 * each handles its own failure. Results are kept by index, so outputs stay
 * in input order.
 */
export async function runPool(
	count: number,
	gate: Gate,
	task: (index: number, ticket: Ticket) => Promise<void>,
	shouldStop: () => boolean,
): Promise<void> {
	await new Promise<void>((resolve) => {
		let next = 0;
		let active = 0;
		let settled = false;
		const finishIfDone = () => {
			if (!settled && active === 0 && (next >= count || shouldStop())) {
				settled = true;
				resolve();
			}
		};
		const pump = () => {
			while (next < count && !shouldStop() && gate.canStart()) {
				const index = next++;
				active++;
				const ticket = gate.admit();
				const end = () => {
					active--;
					ticket.done();
					pump();
				};
				task(index, ticket).then(end, end);
			}
			finishIfDone();
		};
		gate.onChange = pump;
		pump();
	});
}

/** `task(0..count-1)`, at most `concurrency` at a time, results in index order. Tasks must not reject. */
export async function mapInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	return results;
}
