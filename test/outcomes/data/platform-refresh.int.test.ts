import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siblingGroups } from "../../../server/modules/children/outcome-export.js";
import { dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { outcomeJobs, refreshPlatformOutcomes } from "../../../server/modules/outcomes/import/platform-refresh.js";
import { listAreas } from "../../../server/modules/outcomes/read/areas.js";
import { readHistoryColumns } from "../../../server/modules/outcomes/read/read-columns.js";
import { createScheduler } from "../../../server/platform/jobs/scheduler.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { seedTestWorld } from "../../support/test-world.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
});
afterAll(async () => {
  await database.close();
});

const count = async (table: string, where = sql`true`) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(database.db))
      .rows[0].n,
  );

describe("the platform's own records as outcome histories", () => {
  it("projects every site of the test world; the columns' counts match the platform tables", async () => {
    const summary = await refreshPlatformOutcomes(database.db);
    const sites = await database.db.selectFrom("site").select(["id", "code"]).orderBy("id").execute();
    expect(summary.sites).toBe(sites.length);
    const cols = await readHistoryColumns(database.db);
    expect(cols.childCount).toBe(await count("child"));
    expect(cols.episodeCount).toBe(await count("removal_episode"));
    expect(cols.placementCount).toBe(await count("placement"));
    expect(cols.reportCount).toBe(await count("maltreatment_report"));
    expect(cols.homes.length).toBe(await count("household", sql`kind <> 'facility'`));
    const areas = await listAreas(database.db);
    expect(areas.map((a) => [a.siteId, a.source])).toEqual(
      expect.arrayContaining(sites.map((s) => [s.id, "platform"])),
    );
    for (const site of sites) {
      const area = areas.find((a) => a.siteId === site.id)!;
      expect(area.code).toBe(site.code);
      expect(area.children).toBe(await count("child", sql`site_id = ${site.id}`));
      expect(area.refreshedAt).toBeInstanceOf(Date);
    }
    // One child checked field by field against the platform's record.
    const episode = await database.db
      .selectFrom("removal_episode")
      .selectAll()
      .where("exit_date", "is not", null)
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    const key = (
      await database.db
        .selectFrom("outcome_child")
        .select("child_key")
        .where("external_id", "=", episode.child_id)
        .executeTakeFirstOrThrow()
    ).child_key;
    const c = Array.from(cols.childKey).indexOf(key);
    const episodes = Array.from(
      { length: cols.episodeStart[c + 1] - cols.episodeStart[c] },
      (_, i) => cols.episodeStart[c] + i,
    );
    const e = episodes.find((i) => cols.removalDay[i] === dayOf(episode.removal_date))!;
    expect(cols.exitDay[e]).toBe(dayOf(episode.exit_date!));
    const platformPlacements = await database.db
      .selectFrom("placement")
      .select(["start_date", "end_date"])
      .where("episode_id", "=", episode.id)
      .orderBy("start_date")
      .execute();
    const projected = Array.from(
      { length: cols.placementStart[e + 1] - cols.placementStart[e] },
      (_, i) => cols.placementStart[e] + i,
    );
    expect(projected.map((p) => [cols.startDay[p], cols.endDay[p]])).toEqual(
      platformPlacements.map((p) => [dayOf(p.start_date), p.end_date ? dayOf(p.end_date) : NO_DAY]),
    );
    // Each projection is a system export in the audit log, one per site.
    expect(await count("audit_event", sql`action = 'outcomes.export'`)).toBe(sites.length);
  });

  it("a refresh replaces the area's platform rows and keeps every child's key", async () => {
    const before = await database.db
      .selectFrom("outcome_child")
      .select(["child_key", "external_id"])
      .orderBy("child_key")
      .execute();
    const open = await database.db
      .selectFrom("placement")
      .select(["id", "child_id", "start_date"])
      .where("end_date", "is", null)
      .where("setting", "<>", "group_home")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    await database.db.updateTable("placement").set({ setting: "group_home" }).where("id", "=", open.id).execute();
    await refreshPlatformOutcomes(database.db);
    expect(
      await database.db.selectFrom("outcome_child").select(["child_key", "external_id"]).orderBy("child_key").execute(),
    ).toEqual(before);
    expect(await count("outcome_placement")).toBe(await count("placement"));
    const key = before.find((c) => c.external_id === open.child_id)!.child_key;
    const projected = await database.db
      .selectFrom("outcome_placement")
      .select("setting")
      .where("child_key", "=", key)
      .where("start_day", "=", open.start_date)
      .executeTakeFirstOrThrow();
    expect(projected.setting).toBe(4);
  });

  it("runs as the scheduled job outcome_platform_refresh", async () => {
    const scheduler = createScheduler(database.db, outcomeJobs(), "test-runner");
    expect(await scheduler.tick(new Date(Date.now() + 1000))).toEqual(["outcome_platform_refresh"]);
    const run = await database.db
      .selectFrom("job_run")
      .select(["result"])
      .where("job_name", "=", "outcome_platform_refresh")
      .executeTakeFirstOrThrow();
    expect(run.result).toMatchObject({ sites: expect.any(Number), children: await count("child") });
  });

  it("sibling groups are the connected components of sibling links", () => {
    const groups = siblingGroups(
      ["d", "b", "a", "c", "e"],
      [
        { from: "b", to: "d" },
        { from: "d", to: "c" },
        { from: "a", to: "e" },
      ],
    );
    expect(Object.fromEntries(groups)).toEqual({ b: "b", c: "b", d: "b", a: "a", e: "a" });
  });
});
