import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/engine.js";
import { qpiCli } from "../support/qpi-cli.js";

// The `qpi` admin command, run as a user would (a separate process), against
// the embedded database in a temporary folder — or a fresh PostgreSQL
// database when TEST_DATABASE_URL is set.
const cli = qpiCli("qpi_cli");
const qpi = cli.run;

describe("qpi command line", () => {
  it("prints help listing its verbs", () => {
    const { code, out } = qpi("--help");
    expect(code).toBe(0);
    for (const verb of ["migrate", "seed-demo", "users add", "users disable", "audit verify"])
      expect(out).toContain(verb);
    expect(qpi("no-such-verb").code).toBe(2);
  });

  it("migrates, then reports nothing pending", () => {
    expect(qpi("migrate").out).toMatch(/0001_network: Success/);
    expect(qpi("migrate").out).toMatch(/No pending migrations/);
  });

  it("seeds the demo network once, deterministically sized, and prints the sign-ins", () => {
    const first = qpi("seed-demo", "--seed", "3", "--scale", "0.1", "--as-of", "2026-01-15");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Seeded: 3 sites, \d+ children/);
    expect(first.out).toContain("caseworker@demo.qpi.example");
    const again = qpi("seed-demo");
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already has sites/);
    expect(qpi("seed-demo", "--scale=0").out).toMatch(/--scale must be/);
  });

  it("adds a user who can then be found, refuses a common password and a duplicate, and disables", async () => {
    const add = (password: string, email = "new.worker@example.org") => {
      cli.env.QPI_NEW_PASSWORD = password;
      try {
        return qpi(
          "users",
          "add",
          "--email",
          email,
          "--given-name",
          "Ana",
          "--family-name",
          "Reyes",
          "--role",
          "caseworker",
          "--site",
          "CA-FRESNO",
          "--unit",
          "Emergency Response",
        );
      } finally {
        delete cli.env.QPI_NEW_PASSWORD;
      }
    };
    expect(add("password123").code).not.toBe(0);
    const ok = add("a long and unusual phrase");
    expect(ok.code).toBe(0);
    expect(add("another long phrase here").out).toMatch(/conflict|already exists/i);
    expect(
      qpi(
        "users",
        "add",
        "--email",
        "x@example.org",
        "--given-name",
        "A",
        "--family-name",
        "B",
        "--role",
        "wizard",
        "--site",
        "CA-FRESNO",
      ).code,
    ).not.toBe(0);
    expect(qpi("users", "disable", "--email", "new.worker@example.org").code).toBe(0);
    const database = await openDatabase(
      cli.env.DATABASE_URL ? { databaseUrl: cli.env.DATABASE_URL } : { dataDir: cli.dataDir },
    );
    try {
      const user = await database.db
        .selectFrom("user_account")
        .select(["status", "password_hash"])
        .where("email", "=", "new.worker@example.org")
        .executeTakeFirstOrThrow();
      expect(user.status).toBe("disabled");
      expect(user.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    } finally {
      await database.close();
    }
  });

  it("verifies the audit chain, then names the row an owner edited behind the triggers' back", async () => {
    const ok = qpi("audit", "verify");
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/^audit chain ok: \d+ rows/m);
    const database = await openDatabase(
      cli.env.DATABASE_URL ? { databaseUrl: cli.env.DATABASE_URL } : { dataDir: cli.dataDir },
    );
    try {
      await database.db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx);
        await sql`UPDATE audit_event SET purpose = 'rewritten' WHERE seq = 2`.execute(trx);
        await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(trx);
      });
    } finally {
      await database.close();
    }
    const broken = qpi("audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/audit chain broken at seq 2: hash mismatch/);
  });
});
