/**
 * How many items of an execution are in flight at once. A fixed Concurrency
 * holds a number. Auto finds what the fal account runs at once without being
 * told its limit (fal runs 2 to 40 requests of an account at a time and
 * queues the rest): an item may be submitted only while fewer than
 * AUTO_MAX_WAITING of the run's requests wait in fal's queue, so the items
 * running grow to whatever fal runs (each start frees a place for the next)
 * and no more than a handful ever wait there, where a run that stops would
 * leave them. Items upload their files ahead, a few at a time, so a free
 * place is taken at once. Counters and a queue only: nothing here looks at
 * every item.
 */

/** One item's place, from its start to its end: preparing (uploads), queued at fal, running, fetched, done. */
export interface Ticket {
	/** Resolves when the item may be submitted; at once, or when the gate is flushed (the run stopping). */
	mayQueue(): Promise<void>;
	/** fal has started it (IN_PROGRESS), or it needs no waiting at all. */
	running(): void;
	/** fal has finished it: its place at fal is free while its output is fetched. */
	leftFal(): void;
	/** It has ended, however. */
	done(): void;
}

export interface Gate {
	/** Whether one more item may start preparing now. */
	canStart(): boolean;
	admit(): Ticket;
	/** Lets every item waiting to be submitted go on (to find the run stopped). */
	flush(): void;
	/** Called when places free up: more items may start. */
	onChange?: () => void;
}

/** Auto: at most this many of the run's requests waiting in fal's queue at once. */
export const AUTO_MAX_WAITING = 4;

/** Auto: at most this many items uploading their files ahead of a free place (not at fal's queue yet: nothing to cancel). */
const AUTO_PREPARING = 8;

type State = 'preparing' | 'queued' | 'running' | 'fetching' | 'done';

class Counter implements Gate {
	/** Items started and not done, in any state. */
	inFlight = 0;

	readonly count: Record<State, number> = {
		preparing: 0,
		queued: 0,
		running: 0,
		fetching: 0,
		done: 0,
	};

	onChange?: () => void;

	private readonly waitingToQueue: Array<() => void> = [];

	private flushed = false;

	constructor(
		private readonly allowsStart: (counter: Counter) => boolean,
		/** Whether one more item may be submitted now. */
		private readonly allowsQueue: (counter: Counter) => boolean,
	) {}

	/** Submitted (or being submitted) and not yet seen finished: waiting in fal's queue or running there. */
	get atFal(): number {
		return this.count.queued + this.count.running;
	}

	canStart(): boolean {
		return this.allowsStart(this);
	}

	flush(): void {
		this.flushed = true;
		for (const release of this.waitingToQueue.splice(0)) release();
	}

	/** Lets items submit, in order, while the gate allows. */
	private releaseQueued(): void {
		while (this.waitingToQueue.length > 0 && this.allowsQueue(this)) this.waitingToQueue.shift()!();
	}

	admit(): Ticket {
		this.inFlight++;
		this.count.preparing++;
		let state: State = 'preparing';
		// States only move forward: a late status never takes an item back.
		const order: State[] = ['preparing', 'queued', 'running', 'fetching', 'done'];
		const move = (next: State) => {
			if (order.indexOf(next) <= order.indexOf(state)) return;
			this.count[state]--;
			this.count[next]++;
			if (next === 'done') this.inFlight--;
			state = next;
			this.releaseQueued();
			this.onChange?.();
		};
		return {
			mayQueue: async () =>
				await new Promise<void>((resolve) => {
					const go = () => {
						move('queued');
						resolve();
					};
					if (this.flushed || this.allowsQueue(this)) go();
					else this.waitingToQueue.push(go);
				}),
			running: () => move('running'),
			leftFal: () => move('fetching'),
			done: () => move('done'),
		};
	}
}

/** A fixed number in flight (from upload to output), submitted as soon as ready. */
export function fixedGate(concurrency: number): Gate {
	return new Counter(
		(counter) => counter.inFlight < concurrency,
		() => true,
	);
}

/**
 * Auto: as many running as fal runs, with at most AUTO_MAX_WAITING more
 * waiting in fal's queue so that a slot fal frees is taken at once, and
 * AUTO_PREPARING uploading ahead; never more than `maxConcurrency` of the
 * run's requests at fal at once (running or waiting). A request fal has
 * finished no longer counts while its output downloads.
 */
export function autoGate(maxConcurrency: number): Gate {
	return new Counter(
		(counter) => counter.count.preparing < AUTO_PREPARING,
		(counter) => counter.count.queued < AUTO_MAX_WAITING && counter.atFal < maxConcurrency,
	);
}
