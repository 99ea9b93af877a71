import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A run of submitting items that stops early (the first failure without
 * Continue On Fail, or Max Wait passing for an item): no new request is sent,
 * and every request of the run still IN_QUEUE at fal is cancelled (a queued
 * request cancelled costs nothing). Requests fal is already running are left
 * to finish; the error then names them, since fal bills them. Execution
 * cancel goes further, through the execution's own signal: running requests
 * are cancelled too.
 */
export class RunStop {
	private readonly queued = new Map<
		number,
		{ controller: AbortController; ended: Promise<void> }
	>();

	stopped = false;

	/** Items whose submission was sent (or attempted). */
	submitted = 0;

	/** Requests of the run cancelled while queued at fal when it stopped. */
	cancelledWhileQueued = 0;

	/** Items fal finished (waited for), and items submitted without waiting, in the order they ended. */
	readonly finished: string[] = [];

	readonly submittedOnly: string[] = [];

	/** Called once when the run stops (the gate lets waiting items on, to find it stopped). */
	onStop?: () => void;

	/**
	 * A submitted item's wait, watched: its signal stops the wait (and so
	 * cancels the request at fal) if the run stops while it is still queued;
	 * `ended` says the wait is over (its cancel sent, if it was stopped).
	 */
	watch(itemIndex: number): { signal: AbortSignal; ended: () => void } {
		const controller = new AbortController();
		let ended = () => undefined as void;
		const done = new Promise<void>((resolve) => (ended = resolve));
		if (this.stopped) {
			this.cancelledWhileQueued++;
			controller.abort();
		} else {
			this.queued.set(itemIndex, { controller, ended: done });
		}
		return { signal: controller.signal, ended };
	}

	/** fal started it (or its wait ended): a stop leaves it be. */
	release(itemIndex: number): void {
		this.queued.delete(itemIndex);
	}

	/** Stops the run; resolves once every request it found queued has been cancelled at fal. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		this.onStop?.();
		const waits = [...this.queued.values()];
		this.queued.clear();
		for (const { controller } of waits) {
			this.cancelledWhileQueued++;
			controller.abort();
		}
		await Promise.all(waits.map(({ ended }) => ended));
	}

	/** What the failure that stopped the run adds to its description: the requests fal has run for the other items, and what was cancelled. */
	describeInto(failure: NodeApiError | NodeOperationError, items: number): void {
		const { submitted } = this;
		const lines: string[] = [];
		const listed = (ids: string[]) =>
			`${ids.slice(0, MAX_LISTED).join(', ')}${ids.length > MAX_LISTED ? ` (and ${ids.length - MAX_LISTED} more)` : ''}`;
		if (this.finished.length > 0) {
			lines.push(
				`fal had already finished (and billed) ${this.finished.length} other item${this.finished.length === 1 ? '' : 's'} of this run; get their output with Queue Request → Get Result: ${listed(this.finished)}`,
			);
		}
		if (this.submittedOnly.length > 0)
			lines.push(`Submitted without waiting, still at fal: ${listed(this.submittedOnly)}`);
		if (this.cancelledWhileQueued > 0)
			lines.push(
				`${this.cancelledWhileQueued} request${this.cancelledWhileQueued === 1 ? ' was' : 's were'} cancelled while queued at fal (not billed).`,
			);
		if (items > submitted)
			lines.push(
				`${items - submitted} item${items - submitted === 1 ? ' was' : 's were'} not sent to fal.`,
			);
		if (lines.length > 0)
			failure.description = [failure.description, ...lines].filter(Boolean).join('\n');
	}
}

/** Request IDs listed in an error; the rest are counted. */
const MAX_LISTED = 20;

/** Thrown by an item that the run's stop kept from being sent, or cancelled while queued: not an error of its own. */
export class StoppedByRun extends Error {
	constructor(readonly itemIndex: number) {
		super(`item ${itemIndex} stopped with the run`);
		this.name = 'StoppedByRun';
	}
}
