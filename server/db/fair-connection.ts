import type pg from "pg";
import { currentRequestScope } from "./request-scope.js";

interface Waiter {
  /** The age that orders the queue: when the request it serves arrived, else when the caller asked. */
  since: number;
  seq: number;
  grant: () => void;
}

/** What Kysely's PostgresDialect needs of a pool. */
export interface FairPool {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
  /** Callers waiting for the connection now (tests and the benchmark look). */
  readonly waiting: number;
}

/**
 * The embedded engine has one connection, and a request takes it several times (each statement outside a
 * transaction, each transaction). In a plain first-come queue every one of those turns waits behind everyone who
 * arrived meanwhile, so a request with ten turns waits ten queue lengths while short ones keep getting through: under
 * load, new sign-ins and transactions waited seconds. Here the turns are granted oldest request first (the HTTP
 * server tells the database layer when each request arrived, server/db/request-scope.ts; work outside a request, such
 * as a scheduled job, counts from when it asked), so once a request has started, its next statements and its
 * transaction come before any newer request's: nobody is starved, and a request's time in the queue is about one
 * queue length whatever its number of statements.
 */
export function fairSingleConnection(pool: pg.Pool): FairPool {
  const queue: Waiter[] = [];
  let busy = false;
  let seq = 0;

  // The next turn starts after the event loop has polled the network. PGlite runs each statement synchronously
  // on this thread and answers through promises, so requests served back to back would never leave the microtask
  // queue: the server would stop reading sockets until the queue ran dry, and requests sent meanwhile would wait
  // unseen (seconds, at 200 connections) however fair the queue. Yielding here lets them arrive and take their place.
  const handOn = () => {
    const next = queue.shift();
    if (next) setImmediate(next.grant);
    else busy = false;
  };

  async function turn(): Promise<void> {
    if (!busy) {
      busy = true;
      return;
    }
    const since = currentRequestScope()?.started ?? performance.now();
    await new Promise<void>((grant) => {
      const waiter = { since, seq: seq++, grant };
      // Sorted by (since, seq): binary search for the first waiter that comes after this one.
      let lo = 0;
      let hi = queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const q = queue[mid];
        if (q.since < since || (q.since === since && q.seq < waiter.seq)) lo = mid + 1;
        else hi = mid;
      }
      queue.splice(lo, 0, waiter);
    });
  }

  return {
    get waiting() {
      return queue.length;
    },
    async connect() {
      await turn();
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        handOn();
        throw error;
      }
      const release = client.release;
      let released = false;
      client.release = (error?: Error | boolean) => {
        if (released) return;
        released = true;
        client.release = release;
        release.call(client, error);
        handOn();
      };
      return client;
    },
    end: () => pool.end(),
  };
}
