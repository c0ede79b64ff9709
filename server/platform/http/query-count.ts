import http from "node:http";
import type { FastifyInstance, FastifyServerFactory } from "fastify";
import { currentQueryTally, serverTiming, withQueryCount } from "../../db/query-count.js";

/**
 * Queries per request (QPI_QUERY_COUNT=1, for measuring; off by default): the HTTP server runs each request in a
 * tally of its own, so every query it sends is counted wherever it is issued, and the answer carries the count in
 * a Server-Timing header (`db;desc="queries";dur=<count>`). Installed only when asked for.
 */
export const countingServerFactory: FastifyServerFactory = (handler) =>
  http.createServer((request, response) => withQueryCount(() => handler(request, response)));

export function registerQueryCountHeader(app: FastifyInstance) {
  app.addHook("onSend", async (_request, reply) => {
    const tally = currentQueryTally();
    if (tally) reply.header("server-timing", serverTiming(tally));
  });
}
