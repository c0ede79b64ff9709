import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modules } from "../../server/modules/index.js";
import { permissions } from "../../server/platform/access/permissions.js";
import { scheduledJobs } from "../../server/platform/registry/module-descriptor.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const sorted = (values: Iterable<string>) => [...values].sort();

describe("the code's vocabulary and the migrated database agree", () => {
  it("every seeded permission row is in the Permission type, and every Permission is a seeded row", async () => {
    const rows = await database.db.selectFrom("permission").select("code").execute();
    const inDatabase = new Set(rows.map((r) => r.code));
    const inCode = new Set<string>(permissions);
    // Each direction on its own, so a failure names the codes that are missing where.
    expect(sorted([...inDatabase].filter((code) => !inCode.has(code))), "rows the Permission type lacks").toEqual([]);
    expect(sorted([...inCode].filter((code) => !inDatabase.has(code))), "Permissions no migration seeds").toEqual([]);
  });

  it("every permission a role is granted is one the code names", async () => {
    const granted = await database.db.selectFrom("role_permission").select("permission_code").distinct().execute();
    const inCode = new Set<string>(permissions);
    expect(sorted(granted.map((g) => g.permission_code).filter((code) => !inCode.has(code)))).toEqual([]);
  });

  it("the modules' scheduled jobs are exactly the seeded scheduled_job rows", async () => {
    const rows = await database.db.selectFrom("scheduled_job").select("name").execute();
    expect(sorted(Object.keys(scheduledJobs(modules, {})))).toEqual(sorted(rows.map((r) => r.name)));
  });
});
