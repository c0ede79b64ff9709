import { AsyncLocalStorage } from "node:async_hooks";
import type { LogEvent } from "kysely";

/**
 * What the database layer knows of the HTTP request it works for: when it started (the embedded engine serves
 * older requests first, fair-connection.ts) and, when counting (`QPI_QUERY_COUNT=1`, for measuring; off by
 * default), how many statements it sent and their time. The HTTP server runs each request inside `withRequestScope`
 * (server/platform/http/request-scope.ts); with neither PGlite nor counting, nothing is installed: no async context,
 * no log hook, no header.
 */
export interface RequestScope {
  /** performance.now() when the request arrived. */
  started: number;
  queries: number;
  ms: number;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Whether the environment asks for query counting (read when the database and the app are built). */
export const queryCountRequested = () => process.env.QPI_QUERY_COUNT === "1";

/** Runs `fn` in a fresh scope: every query it issues, however deep, is counted and ordered in it. */
export function withRequestScope<T>(fn: () => T): T {
  return scopes.run({ started: performance.now(), queries: 0, ms: 0 }, fn);
}

/** The scope of the current request, if it runs in one. */
export const currentRequestScope = (): RequestScope | undefined => scopes.getStore();

/**
 * Kysely's `log` option when counting: called after each statement (BEGIN and COMMIT included: each is a trip to
 * the database), in the async context of the code that awaited it.
 */
export function countQuery(event: LogEvent): void {
  const scope = scopes.getStore();
  if (!scope) return;
  scope.queries += 1;
  scope.ms += event.queryDurationMillis;
}

/** The Server-Timing header's value for a counted request. */
export const serverTiming = (scope: RequestScope) =>
  `db;desc="queries";dur=${scope.queries}, db-time;desc="database ms";dur=${scope.ms.toFixed(1)}`;
