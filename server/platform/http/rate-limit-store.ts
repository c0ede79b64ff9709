import { type ColumnType, type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";

/** Hits per bucket and fixed window, shared by every instance (migration 0401). */
interface RateLimitWindowTable {
  bucket: string;
  window_start: Date;
  window_end: Date;
  hits: number;
  created_at: ColumnType<Date, never, never>;
}

declare module "../../db/database.js" {
  interface Database {
    rate_limit_window: RateLimitWindowTable;
  }
}

export interface SharedCounterOptions {
  /** Hits are added to the shared table at least this often while a bucket has some (ms). */
  flushMs?: number;
  /** … and at once when a bucket has this many not yet added. */
  flushHits?: number;
  /**
   * How long a request waits for the table when its decision needs the shared total (ms); past it the request
   * is decided on what the instance knows and the answer still updates the count when it comes. A slow database
   * never holds a request on its limit for longer (nor can a route's reply time tell anything by it).
   */
  maxWaitMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

/** One bucket's window as this instance sees it. */
interface WindowState {
  bucket: string;
  start: number;
  end: number;
  /** The shared total as last read from the table (this instance's added hits included). */
  shared: number;
  /** Hits counted here and not yet sent. */
  pending: number;
  /** Hits sent and not yet answered. */
  sending: number;
  /** The table has answered for this window at least once. */
  synced: boolean;
}

/**
 * Fixed-window hit counts shared by every app instance through one UNLOGGED table, without a round trip per
 * request: an instance counts locally and adds its hits in batches (every `flushMs`, or at `flushHits`), reading
 * each bucket's shared total back. A bucket's first hit in a window at an instance, and every hit once its count
 * is within a quarter of the limit, waits for the table instead (up to `maxWaitMs`), so the count a decision is
 * made on is exact where it matters. The tolerance: below three quarters of the limit an instance decides on
 * its own hits plus the total it read at its last batch (at most `flushMs` old while the bucket is in use
 * there); a bucket can only pass its limit unseen if other instances served more than a quarter of the limit
 * since then. The count only ever errs low, so a refusal is always deserved.
 */
export class SharedWindowCounter {
  readonly #db: Kysely<Database>;
  readonly #flushMs: number;
  readonly #flushHits: number;
  readonly #maxWaitMs: number;
  readonly #now: () => Date;
  readonly #onError: (error: unknown) => void;
  readonly #windows = new Map<string, WindowState>();
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;
  #lastSweep = 0;
  #closed = false;

  constructor(db: Kysely<Database>, options: SharedCounterOptions = {}) {
    this.#db = db;
    this.#flushMs = options.flushMs ?? 250;
    this.#flushHits = options.flushHits ?? 20;
    this.#maxWaitMs = options.maxWaitMs ?? 100;
    this.#now = options.now ?? (() => new Date());
    this.#onError = options.onError ?? (() => {});
  }

  /** Counts one hit of `bucket` in its current window of `windowMs`; the count so far and the ms left. */
  async hit(bucket: string, windowMs: number, max: number): Promise<{ current: number; ttl: number }> {
    const now = this.#now().getTime();
    const start = Math.floor(now / windowMs) * windowMs;
    const key = `${bucket}\u0000${start}`;
    let state = this.#windows.get(key);
    if (!state) {
      state = { bucket, start, end: start + windowMs, shared: 0, pending: 0, sending: 0, synced: false };
      this.#windows.set(key, state);
    }
    state.pending += 1;
    const before = countOf(state);
    // Past the limit already: the count errs only low, so the refusal stands without asking anyone.
    const nearLimit = before > max - Math.max(1, Math.ceil(max / 4)) && before <= max;
    if (!state.synced || nearLimit) await this.#sendWithin([state]);
    else if (state.pending >= this.#flushHits) this.flush().catch(this.#onError);
    else this.#schedule();
    return { current: countOf(state), ttl: state.end - now };
  }

  /** Sends every bucket's pending hits in one statement and reads their totals back. */
  async flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    this.#flushing = (async () => {
      try {
        const due = [...this.#windows.values()].filter((w) => w.pending > 0);
        if (due.length) await this.#send(due);
        await this.#sweep();
      } finally {
        this.#flushing = null;
        // Hits counted while this batch was out go with the next one.
        if ([...this.#windows.values()].some((w) => w.pending > 0)) this.#schedule();
      }
    })();
    return this.#flushing;
  }

  /** Stops the timer after sending what is pending. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.flush().catch(this.#onError);
  }

  #schedule() {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush().catch(this.#onError);
    }, this.#flushMs);
    this.#timer.unref();
  }

  async #sendWithin(states: WindowState[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#maxWaitMs);
    });
    await Promise.race([this.#send(states), deadline]);
    clearTimeout(timer);
  }

  async #send(states: WindowState[]): Promise<void> {
    const batch = states.map((state) => ({ state, hits: state.pending }));
    for (const { state, hits } of batch) {
      state.pending -= hits;
      state.sending += hits;
    }
    try {
      const totals = await this.#db
        .insertInto("rate_limit_window")
        .values(
          batch.map(({ state, hits }) => ({
            bucket: state.bucket,
            window_start: new Date(state.start),
            window_end: new Date(state.end),
            hits,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["bucket", "window_start"]).doUpdateSet({ hits: sql`rate_limit_window.hits + excluded.hits` }),
        )
        .returning(["bucket", "window_start", "hits"])
        .execute();
      for (const { state, hits } of batch) {
        const total = totals.find((t) => t.bucket === state.bucket && t.window_start.getTime() === state.start);
        state.sending -= hits;
        // Answers may come back out of order; a window's total only grows.
        if (total) state.shared = Math.max(state.shared, total.hits);
        state.synced = true;
      }
    } catch (error) {
      // The table is out of reach: keep the hits for the next batch and decide on the local count meanwhile.
      for (const { state, hits } of batch) {
        state.sending -= hits;
        state.pending += hits;
        state.synced = true;
      }
      this.#onError(error);
      this.#schedule();
    }
  }

  /** Forgets windows that have ended, here once they are sent and in the table about once a minute. */
  async #sweep(): Promise<void> {
    const now = this.#now().getTime();
    for (const [key, state] of this.#windows) {
      if (state.end <= now && state.pending === 0 && state.sending === 0) this.#windows.delete(key);
    }
    if (Math.abs(now - this.#lastSweep) < 60_000) return;
    this.#lastSweep = now;
    await this.#db
      .deleteFrom("rate_limit_window")
      .where("window_end", "<", new Date(now - 60_000))
      .execute();
  }
}

function countOf(state: WindowState): number {
  return state.shared + state.pending + state.sending;
}

/** The parameters @fastify/rate-limit hands a store: a route's own limit names the route. */
interface StoreParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit over a SharedWindowCounter: the plugin's global limit and each route's own
 * limit count in buckets of their own (the route's buckets are named after it).
 */
export function sharedRateLimitStore(counter: SharedWindowCounter) {
  return class SharedRateLimitStore {
    readonly #scope: string;

    constructor(_params: unknown = {}, scope = "all") {
      this.#scope = scope;
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      counter.hit(`${this.#scope}:${key}`, timeWindow, max).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    // Typed loosely: the plugin passes the route's merged limit parameters, not the route options its types name.
    child(params: unknown): SharedRateLimitStore {
      const route = (params as StoreParams).routeInfo;
      const methods = Array.isArray(route?.method) ? route.method.join(",") : (route?.method ?? "");
      return new SharedRateLimitStore(params, `${methods} ${route?.url ?? ""}`.trim() || "route");
    }
  };
}
