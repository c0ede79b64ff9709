import type { FastifyReply } from "fastify";

/**
 * Runs `work` once the reply has gone out (or the client hung up), never
 * before: a response whose timing must not depend on what the work finds
 * (does this account exist?) cannot wait for it. The promise settles with the
 * work, for the caller to log a failure.
 */
export function afterReply(reply: FastifyReply, work: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      work().then(resolve, reject);
    };
    if (reply.raw.writableFinished) {
      setImmediate(start);
      return;
    }
    reply.raw.once("finish", start);
    reply.raw.once("close", start);
  });
}
