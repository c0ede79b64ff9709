import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import { type OpenDatabase, openDatabase } from "../../server/db/engine.js";
import { migrateToLatest } from "../../server/db/migrate.js";
import { withRequestScope } from "../../server/db/request-scope.js";
import { createFreshPostgresDatabase } from "../support/fresh-postgres.js";

const serverUrl = process.env.TEST_DATABASE_URL;

describe("queries per request (QPI_QUERY_COUNT)", () => {
  let opened: OpenDatabase;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (serverUrl) {
      const fresh = await createFreshPostgresDatabase(serverUrl);
      drop = fresh.drop;
      opened = await openDatabase({ databaseUrl: fresh.url, poolSize: 3, countQueries: true });
    } else opened = await openDatabase({ dataDir: "memory://", countQueries: true });
    await migrateToLatest(opened.db);
  });
  afterAll(async () => {
    await opened.close();
    await drop?.();
  });

  async function healthz(countQueries: boolean) {
    const app = await buildApp({ db: opened.db, engine: opened.kind, webDist: "/nonexistent", countQueries });
    await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      return response.headers.get("server-timing");
    } finally {
      await app.close();
    }
  }

  it("answers with the request's statement count when counting", async () => {
    // /healthz sends one statement.
    expect(await healthz(true)).toMatch(/^db;desc="queries";dur=1, db-time;desc="database ms";dur=\d+(\.\d)?$/);
  });

  it("adds no header when counting is off (the default)", async () => {
    expect(await healthz(false)).toBeNull();
  });

  it("counts BEGIN, each statement and COMMIT of a transaction, and nothing outside the request", async () => {
    const tally = await withRequestScope(async () => {
      await opened.db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        await sql`SELECT 2`.execute(trx);
      });
      const { currentRequestScope } = await import("../../server/db/request-scope.js");
      return { ...currentRequestScope()! };
    });
    expect(tally.queries).toBe(4);
    await sql`SELECT 3`.execute(opened.db); // outside any request: counted nowhere, and no error
  });
});

describe.skipIf(serverUrl)("PGlite's one connection goes to the oldest request first", () => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    opened = await openDatabase({ dataDir: "memory://" });
  });
  afterAll(async () => {
    await opened.close();
  });

  it("gives a request that started first its next turn before any newer request waiting for one", async () => {
    const served: string[] = [];
    const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
    let firstDone!: () => void;
    const started = new Promise<void>((resolve) => {
      firstDone = resolve;
    });
    // The old request: ten statements, each taking the connection anew, with other work between them.
    const old = withRequestScope(async () => {
      for (let i = 0; i < 10; i++) {
        await sql`SELECT pg_sleep(0.002)`.execute(opened.db);
        served.push("old");
        if (i === 0) firstDone();
        await yieldToLoop();
      }
    });
    await started;
    // Twenty newer requests, one statement each, arriving after the old one's first statement.
    const newer = Array.from({ length: 20 }, (_, i) =>
      withRequestScope(async () => {
        await sql`SELECT ${i}::int`.execute(opened.db);
        served.push(`new ${i}`);
      }),
    );
    await Promise.all([old, ...newer]);
    // Between two of the old request's statements, at most the turns already handed on when it asked (first come,
    // first served per statement would put its second statement behind all twenty).
    const gaps: number[] = [];
    let last = -1;
    served.forEach((who, at) => {
      if (who !== "old") return;
      if (last >= 0) gaps.push(at - last - 1);
      last = at;
    });
    expect(gaps).toHaveLength(9);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2);
    // Among themselves, the newer requests are served in the order they arrived.
    expect(served.filter((f) => f !== "old")).toEqual(newer.map((_, i) => `new ${i}`));
  });

  it("serves work outside any request (a scheduled job) in the order it asked, and survives a failed statement", async () => {
    const results = await Promise.allSettled([
      sql`SELECT 1 AS n`.execute(opened.db),
      sql`SELECT * FROM no_such_table`.execute(opened.db),
      opened.db.transaction().execute(async (trx) => (await sql<{ n: number }>`SELECT 2 AS n`.execute(trx)).rows[0].n),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await sql<{ n: number }>`SELECT 3 AS n`.execute(opened.db)).rows[0].n).toBe(3);
  });
});
