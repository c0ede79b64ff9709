import { spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createFreshPostgresDatabase } from "../test/support/fresh-postgres.js";
import { freePort } from "./support/server.js";

// With DATABASE_URL the same code and migrations run on PostgreSQL, and a
// production database is never seeded with demo data unless --demo is given.
// Runs in the PostgreSQL pass of the suite (TEST_DATABASE_URL set).
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("npm start with DATABASE_URL", () => {
  it("migrates an empty PostgreSQL database, serves healthz, and seeds nothing", async () => {
    const fresh = await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL!, "qpi_prod");
    const url = new URL(fresh.url);
    const port = await freePort();
    const child = spawn("npm", ["start"], {
      env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port) },
      detached: true,
      stdio: "pipe",
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    try {
      let health: { database?: string } = {};
      for (let i = 0; i < 240 && health.database === undefined; i++) {
        await new Promise((r) => setTimeout(r, 250));
        health = await fetch(`http://localhost:${port}/healthz`)
          .then((r) => r.json())
          .catch(() => ({}));
      }
      expect(health).toMatchObject({ status: "ok", database: "postgres" });
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      const sites = await db.query("SELECT count(*)::int AS n FROM site");
      const migrations = await db.query("SELECT count(*)::int AS n FROM kysely_migration");
      await db.end();
      expect(sites.rows[0].n).toBe(0);
      expect(migrations.rows[0].n).toBeGreaterThan(0);
      expect(output).not.toContain("Demo sign-ins");
    } finally {
      process.kill(-child.pid!, "SIGINT");
      await new Promise((r) => child.once("close", r));
      await fresh.drop();
    }
  });
});
