/**
 * A small queue in front of expensive work (password hashing: scrypt at
 * N=2^17 costs about 128 MiB and a core for a fraction of a second). At most
 * `concurrency` tasks run at once and at most `capacity` wait; each client
 * (an address) may hold at most `perClient` places, running or waiting.
 *
 * Fair share: every request counts towards its client's use (refused ones
 * too: hammering the queue is using it), a count halving every `halfLifeMs`.
 * The next task to run is the one whose client had used the queue least when
 * it asked; among equals the newest (under overload a fresh request is worth
 * more than one that has waited long). When every place is taken, a newcomer
 * who had used no more than the busiest waiting client takes that client's
 * place (the one refused is the busier, or among equals the one waiting
 * longest); otherwise the newcomer is refused. A refusal is immediate:
 * nobody waits behind a flood.
 */
export class QueueFullError extends Error {
  constructor() {
    super("queue full");
    this.name = "QueueFullError";
  }
}

export interface FairQueueOptions {
  concurrency: number;
  capacity: number;
  perClient: number;
  halfLifeMs: number;
  /** Milliseconds; a test passes its own clock. */
  now?: () => number;
}

interface Waiting {
  client: string;
  /** The client's use when it asked. */
  prior: number;
  arrival: number;
  start: () => void;
  refuse: (error: Error) => void;
}

interface Usage {
  score: number;
  at: number;
}

export class FairQueue {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private readonly held = new Map<string, number>();
  private readonly usage = new Map<string, Usage>();
  private arrivals = 0;
  private readonly now: () => number;

  constructor(private readonly options: FairQueueOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Runs `task` when a place is free; rejects with QueueFullError when the client gets no place. */
  run<T>(client: string, task: () => Promise<T>): Promise<T> {
    // Every request counts towards the client's use, a refused one too: hammering the queue is using it.
    const previous = this.scoreOf(client);
    this.charge(client);
    if ((this.held.get(client) ?? 0) >= this.options.perClient) return Promise.reject(new QueueFullError());
    if (this.running < this.options.concurrency && this.waiting.length === 0) {
      this.hold(client);
      return this.execute(client, task);
    }
    if (this.waiting.length >= this.options.capacity && !this.evictFor(client, previous)) {
      return Promise.reject(new QueueFullError());
    }
    this.hold(client);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        client,
        prior: previous,
        arrival: this.arrivals++,
        start: () => this.execute(client, task).then(resolve, reject),
        refuse: reject,
      });
      this.dispatch();
    });
  }

  /** How many run and wait now (for tests and logs). */
  get size() {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** The decayed count of tasks a client started lately. */
  scoreOf(client: string): number {
    const u = this.usage.get(client);
    if (!u) return 0;
    return u.score * 0.5 ** ((this.now() - u.at) / this.options.halfLifeMs);
  }

  private hold(client: string) {
    this.held.set(client, (this.held.get(client) ?? 0) + 1);
  }

  private release(client: string) {
    const n = (this.held.get(client) ?? 1) - 1;
    if (n > 0) this.held.set(client, n);
    else this.held.delete(client);
  }

  private charge(client: string) {
    const now = this.now();
    this.usage.set(client, { score: this.scoreOf(client) + 1, at: now });
    // Forget clients whose share has faded, so a flood of addresses cannot grow the map without end.
    if (this.usage.size > 10_000) {
      for (const [c, u] of this.usage) {
        if (u.score * 0.5 ** ((now - u.at) / this.options.halfLifeMs) < 0.05) this.usage.delete(c);
      }
    }
  }

  private async execute<T>(client: string, task: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.release(client);
      this.dispatch();
    }
  }

  /**
   * Refuses the waiting task of the busiest other client when it had used no
   * less than `prior` (the newcomer's use before this request); true when a
   * place was freed.
   */
  private evictFor(client: string, prior: number): boolean {
    let worst: Waiting | undefined;
    for (const entry of this.waiting) {
      if (entry.client === client) continue;
      if (!worst || entry.prior > worst.prior || (entry.prior === worst.prior && entry.arrival < worst.arrival))
        worst = entry;
    }
    if (!worst || worst.prior < prior) return false;
    this.waiting.splice(this.waiting.indexOf(worst), 1);
    this.release(worst.client);
    worst.refuse(new QueueFullError());
    return true;
  }

  private dispatch() {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      let best = 0;
      for (let i = 1; i < this.waiting.length; i++) {
        const [entry, chosen] = [this.waiting[i], this.waiting[best]];
        if (entry.prior < chosen.prior || (entry.prior === chosen.prior && entry.arrival > chosen.arrival)) best = i;
      }
      const [next] = this.waiting.splice(best, 1);
      // execute() counts the place as running at once; the hold taken at admission carries over.
      next.start();
    }
  }
}
