import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historiesForOutcomes } from "../../../server/modules/children/outcome-export.js";
import { dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { refreshPlatformOutcomes } from "../../../server/modules/outcomes/import/platform-refresh.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import { trendEndingWith } from "../../../server/modules/outcomes/periods.js";
import { listAreas } from "../../../server/modules/outcomes/read/areas.js";
import { readHistoryColumns } from "../../../server/modules/outcomes/read/read-columns.js";
import { accounts, type OutcomesWorld, outcomesWorld } from "../api/world.js";

// The case records' maltreatment reports reach the outcome measures through the
// platform projection: S1 and S2 are measured for the demo sites.
let world: OutcomesWorld;

// Scale 1: a demo site's 12 months then hold a few substantiated reports in care.
beforeAll(async () => {
  world = await outcomesWorld({ scale: 1 });
}, 180_000);
afterAll(async () => {
  await world?.close();
});

/** The latest 12 months whose follow-up has passed by the test world's "now" (2026-06-30). */
const PERIOD = "2024-04-01";

describe("maltreatment reports in the platform projection", () => {
  it("exports each site's reports with the dates and whether substantiated, never the reporter", async () => {
    const db = world.database.db;
    const siteId = world.sites["CA-FRESNO"];
    const histories = await db.transaction().execute((trx) => historiesForOutcomes(trx, siteId));
    const records = await db.selectFrom("maltreatment_report").selectAll().where("site_id", "=", siteId).execute();
    expect(records.length).toBeGreaterThan(0);
    expect([...new Set(records.map((r) => r.disposition))]).toEqual(
      expect.arrayContaining(["substantiated", "inconclusive", "unfounded"]),
    );
    expect(records.filter((r) => r.incident_on !== null).length).toBeGreaterThan(0);
    expect(histories.reports).toHaveLength(records.length);
    for (const report of histories.reports)
      expect(Object.keys(report).sort()).toEqual(["childId", "incidentOn", "receivedOn", "substantiated"]);
    const key = (r: { childId: string; receivedOn: string; incidentOn: string | null; substantiated: boolean }) =>
      JSON.stringify(r);
    expect(histories.reports.map(key).sort()).toEqual(
      records
        .map((r) =>
          key({
            childId: r.child_id,
            receivedOn: r.received_on,
            incidentOn: r.incident_on,
            substantiated: r.disposition === "substantiated",
          }),
        )
        .sort(),
    );
    // Who reported is confidential (reporter_identity): no name leaves the children module.
    const exported = JSON.stringify(histories);
    const names = records.map((r) => r.reporter_name).filter((n): n is string => n !== null);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(exported).not.toContain(name);
    // An incident cannot come after its report (migration 0150).
    const child = records[0];
    await expect(
      db
        .insertInto("maltreatment_report")
        .values({
          child_id: child.child_id,
          site_id: siteId,
          received_on: "2026-01-02",
          incident_on: "2026-01-03",
          allegation: "neglect",
        })
        .execute(),
    ).rejects.toThrow(/maltreatment_report_incident_before_report/);
  });

  it("writes every report to outcome_maltreatment_report in the refresh; only substantiated ones count", async () => {
    const db = world.database.db;
    await refreshPlatformOutcomes(db);
    const projected = await sql<{ code: string; n: number; substantiated: number; other: number; incident: number }>`
      SELECT a.code, count(*)::int AS n, count(*) FILTER (WHERE r.disposition = 1)::int AS substantiated,
             count(*) FILTER (WHERE r.disposition = 3)::int AS other, count(r.incident_day)::int AS incident
      FROM outcome_maltreatment_report r JOIN outcome_area a \
ON a.id = r.area_id GROUP BY a.code ORDER BY a.code`.execute(db);
    const recorded = await sql<{ code: string; n: number; substantiated: number; other: number; incident: number }>`
      SELECT s.code, count(*)::int AS n, count(*) FILTER (WHERE m.disposition = 'substantiated')::int AS substantiated,
             count(*) FILTER (WHERE m.disposition <> \
'substantiated')::int AS other, count(m.incident_on)::int AS incident
      FROM maltreatment_report m JOIN site s ON s.id = m.site_id GROUP BY s.code ORDER BY s.code`.execute(db);
    expect(projected.rows).toEqual(recorded.rows);
    expect(projected.rows.map((r) => r.code)).toEqual(["CA-FRESNO", "FL-C13", "MN-HENNEPIN"]);

    // One child's reports, day by day, as the engine reads them.
    const child = await db
      .selectFrom("maltreatment_report")
      .select("child_id")
      .where("incident_on", "is not", null)
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    const own = await db
      .selectFrom("maltreatment_report")
      .select(["received_on", "incident_on", "disposition"])
      .where("child_id", "=", child.child_id)
      .orderBy("received_on")
      .execute();
    const childKey = (
      await db
        .selectFrom("outcome_child")
        .select("child_key")
        .where("external_id", "=", child.child_id)
        .executeTakeFirstOrThrow()
    ).child_key;
    const cols = await readHistoryColumns(db);
    const c = Array.from(cols.childKey).indexOf(childKey);
    const reports = Array.from(
      { length: cols.reportStart[c + 1] - cols.reportStart[c] },
      (_, i) => cols.reportStart[c] + i,
    );
    expect(reports.map((r) => [cols.reportDay[r], cols.incidentDay[r], cols.substantiated[r]])).toEqual(
      own.map((r) => [
        dayOf(r.received_on),
        r.incident_on ? dayOf(r.incident_on) : NO_DAY,
        r.disposition === "substantiated" ? 1 : 0,
      ]),
    );
  });

  it(`shows S1 and S2 as measured on the dashboard, with the \
values computeMeasures gives on the same columns`, async () => {
    const response = await world.get(
      await world.as(accounts.coordinator),
      `/api/outcomes/report?area=CA-FRESNO&periodStart=${PERIOD}`,
    );
    expect(response.statusCode).toBe(200);
    const report = response.json();
    const area = (await listAreas(world.database.db)).find((a) => a.code === "CA-FRESNO")!;
    const columns = await readHistoryColumns(world.database.db, { areaIds: [area.id] });
    const results = computeMeasures(columns, trendEndingWith(dayOf(PERIOD), 8));
    const last = results[results.length - 1];
    for (const id of ["maltreatment_in_care", "recurrence"] as const) {
      const shown = report.measures.find((m: { measure: string }) => m.measure === id);
      const expected = last.total[id];
      expect({
        missingSource: shown.missingSource,
        numerator: shown.numerator,
        denominator: shown.denominator,
        value: shown.value,
      }).toEqual({
        missingSource: null,
        numerator: expected.numerator,
        denominator: expected.denominator,
        value: expected.value,
      });
      expect(shown.trend.map((p: { numerator: number }) => p.numerator)).toEqual(
        results.map((r) => r.total[id].numerator),
      );
    }
    // Non-trivial: substantiated reports in care and victims in the period, at about the national rates.
    const s1 = last.total.maltreatment_in_care;
    const s2 = last.total.recurrence;
    expect(s1.numerator).toBeGreaterThan(0);
    expect(s1.value).toBeLessThan(40);
    expect(s2.denominator).toBeGreaterThan(10);
    expect(s2.value).toBeLessThan(30);
  });

  it("a site whose case records hold no reports shows S1 and S2 as not measured, never 0", async () => {
    const db = world.database.db;
    await db.deleteFrom("maltreatment_report").where("site_id", "=", world.sites["MN-HENNEPIN"]).execute();
    await refreshPlatformOutcomes(db, world.sites["MN-HENNEPIN"]);
    const report = (
      await world.get(
        await world.as(accounts.networkAnalyst),
        `/api/outcomes/report?area=MN-HENNEPIN&periodStart=${PERIOD}`,
      )
    ).json();
    const missing = report.measures.filter((m: { missingSource: string | null }) => m.missingSource);
    expect(
      missing.map((m: { measure: string; missingSource: string; value: number | null }) => [
        m.measure,
        m.missingSource,
        m.value,
      ]),
    ).toEqual([
      ["maltreatment_in_care", "maltreatment_reports", null],
      ["recurrence", "maltreatment_reports", null],
    ]);
    // The other sites keep theirs.
    const fresno = (
      await world.get(
        await world.as(accounts.networkAnalyst),
        `/api/outcomes/report?area=CA-FRESNO&periodStart=${PERIOD}`,
      )
    ).json();
    expect(fresno.measures.filter((m: { missingSource: string | null }) => m.missingSource)).toEqual([]);
  });
});
