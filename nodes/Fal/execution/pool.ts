/**
 * Runs `task(0..count-1)` with at most `concurrency` at a time, starting them
 * in order; resolves when all started tasks have settled. `shouldStop` is
 * asked before each start: once it says so, no further task starts (those
 * running finish). Results are kept by index, so outputs stay in input order.
 */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>, shouldStop: () => boolean): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}
