import http from "node:http";
import type { FastifyInstance, FastifyServerFactory } from "fastify";
import { currentRequestScope, serverTiming, withRequestScope } from "../../db/request-scope.js";

/**
 * The HTTP server runs each request in a scope of its own (server/db/request-scope.ts), so the database layer
 * knows, wherever a query is issued, which request it serves: the embedded engine's one connection goes to the
 * oldest request first, and when counting, every query is added to the request's tally.
 */
export const scopedServerFactory: FastifyServerFactory = (handler) =>
  http.createServer((request, response) => withRequestScope(() => handler(request, response)));

/** Queries per request (QPI_QUERY_COUNT=1): the answer's `Server-Timing: db;desc="queries";dur=<count>`. */
export function registerQueryCountHeader(app: FastifyInstance) {
  app.addHook("onSend", async (_request, reply) => {
    const scope = currentRequestScope();
    if (scope) reply.header("server-timing", serverTiming(scope));
  });
}
