import { AsyncLocalStorage } from "node:async_hooks";
import type { LogEvent } from "kysely";

/**
 * Queries per request, for measuring (`QPI_QUERY_COUNT=1`; off by default). When on, the HTTP server runs each
 * request inside `withQueryCount` and Kysely's log hook adds every statement the request sends (BEGIN and COMMIT
 * included: each is a trip to the database) and its time to the request's tally; the app answers with a
 * `Server-Timing: db;desc="queries";dur=<count>, db-time;dur=<ms>` header. When off, nothing is installed: no
 * log hook, no async context, no header.
 */
export interface QueryTally {
  queries: number;
  ms: number;
}

const tallies = new AsyncLocalStorage<QueryTally>();

/** Whether the environment asks for query counting (read when the database and the app are built). */
export const queryCountRequested = () => process.env.QPI_QUERY_COUNT === "1";

/** Runs `fn` with a fresh tally that every query it issues, however deep, is counted in. */
export function withQueryCount<T>(fn: () => T): T {
  return tallies.run({ queries: 0, ms: 0 }, fn);
}

/** The tally of the current request, if it is counted. */
export const currentQueryTally = (): QueryTally | undefined => tallies.getStore();

/** Kysely's `log` option: called after each statement, in the async context of the code that awaited it. */
export function countQuery(event: LogEvent): void {
  const tally = tallies.getStore();
  if (!tally) return;
  tally.queries += 1;
  tally.ms += event.queryDurationMillis;
}

/** The header's value for a tally. */
export const serverTiming = (tally: QueryTally) =>
  `db;desc="queries";dur=${tally.queries}, db-time;desc="database ms";dur=${tally.ms.toFixed(1)}`;
