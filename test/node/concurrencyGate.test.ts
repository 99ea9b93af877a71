/**
 * The gate behind Concurrency (execution/concurrency.ts), on its own: which
 * item may start preparing and which may be submitted, as items move from
 * preparing to queued at fal, running, finished at fal and done.
 */
import {
	AUTO_MAX_WAITING,
	autoGate,
	fixedGate,
	type Ticket,
} from '../../nodes/Fal/execution/concurrency';

/** Whether a ticket's mayQueue() has resolved, after pending promise callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
	let done = false;
	void promise.then(() => (done = true));
	await new Promise((resolve) => setImmediate(resolve));
	return done;
}

describe('Auto gate', () => {
	test(`submits while fewer than ${AUTO_MAX_WAITING} wait at fal; each start lets the next one in`, async () => {
		const gate = autoGate(44);
		const tickets: Ticket[] = [];
		while (gate.canStart()) tickets.push(gate.admit());
		// Items prepare (upload) ahead, a bounded few.
		expect(tickets.length).toBeGreaterThan(AUTO_MAX_WAITING);
		const queued = tickets.map((ticket) => ticket.mayQueue());
		const states = await Promise.all(queued.map(settled));
		expect(states.filter(Boolean)).toHaveLength(AUTO_MAX_WAITING);
		tickets[0].running();
		expect(await settled(queued[AUTO_MAX_WAITING])).toBe(true);
		expect(await settled(queued[AUTO_MAX_WAITING + 1])).toBe(false);
	});

	test('never more than Max Concurrency at fal; a request fal has finished frees its place while its output downloads', async () => {
		const gate = autoGate(2);
		const [first, second, third] = [gate.admit(), gate.admit(), gate.admit()];
		await first.mayQueue();
		first.running();
		await second.mayQueue();
		second.running();
		const thirdQueued = third.mayQueue();
		expect(await settled(thirdQueued)).toBe(false);
		// COMPLETED at fal: the output is still being fetched (not done), and the place is free.
		first.leftFal();
		expect(await settled(thirdQueued)).toBe(true);
	});

	test('a late status never moves an item back, and flush lets every waiting item on', async () => {
		const gate = autoGate(1);
		const [first, second] = [gate.admit(), gate.admit()];
		await first.mayQueue();
		first.leftFal();
		first.running();
		const secondQueued = second.mayQueue();
		expect(await settled(secondQueued)).toBe(true);
		const third = gate.admit();
		const thirdQueued = third.mayQueue();
		expect(await settled(thirdQueued)).toBe(false);
		gate.flush();
		expect(await settled(thirdQueued)).toBe(true);
	});
});

describe('fixed gate', () => {
	test('holds its number in flight from upload to output, and submits at once', async () => {
		const gate = fixedGate(3);
		const tickets: Ticket[] = [];
		while (gate.canStart()) tickets.push(gate.admit());
		expect(tickets).toHaveLength(3);
		expect(
			await Promise.all(tickets.map(async (ticket) => await settled(ticket.mayQueue()))),
		).toEqual([true, true, true]);
		tickets[0].leftFal();
		expect(gate.canStart()).toBe(false);
		tickets[0].done();
		expect(gate.canStart()).toBe(true);
	});
});
