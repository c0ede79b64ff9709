import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VisibleArea } from "../../../server/modules/outcomes/area-context.js";
import { drillDownKeys } from "../../../server/modules/outcomes/drill-down.js";
import { dayOf } from "../../../server/modules/outcomes/history/days.js";
import { measureCatalogue, measureIds } from "../../../server/modules/outcomes/measures/catalogue.js";
import { childCohorts, periodStarting } from "../../../server/modules/outcomes/measures/engine.js";
import { listAreas } from "../../../server/modules/outcomes/read/areas.js";
import { readHistoryColumns } from "../../../server/modules/outcomes/read/read-columns.js";
import { sealAuditNow } from "../../../server/platform/audit/sealer.js";
import { accounts, type OutcomesWorld, outcomesWorld, unitChildren } from "./world.js";

let world: OutcomesWorld;

beforeAll(async () => {
  world = await outcomesWorld();
}, 180_000);
afterAll(async () => {
  await world?.close();
});

/** The platform ids of the children in a measure's cohort, straight from the engine. */
async function cohortIds(measure: "in_care_end" | "entries", periodStart: string): Promise<Set<string>> {
  const db = world.database.db;
  const area = (await listAreas(db)).find((a) => a.code === "CA-FRESNO")!;
  const columns = await readHistoryColumns(db, { areaIds: [area.id] });
  const period = periodStarting(dayOf(periodStart));
  const keys: number[] = [];
  for (let c = 0; c < columns.childCount; c++)
    if ((childCohorts(columns, c, period)[measure]?.denominator ?? 0) > 0) keys.push(columns.childKey[c]);
  const rows = keys.length
    ? await db.selectFrom("outcome_child").select("external_id").where("child_key", "in", keys).execute()
    : [];
  return new Set(rows.map((r) => r.external_id));
}

describe("the children behind a figure", () => {
  it(`are the supervisor's unit's children of the cohort, no \
more, and the read is audited in its transaction`, async () => {
    const session = await world.as(accounts.supervisor);
    const report = (await world.get(session, "/api/outcomes/report?area=CA-FRESNO")).json();
    const response = await world.get(
      session,
      `/api/outcomes/children?area=CA-FRESNO&measure=in_care_end&periodStart=${report.period.start}`,
    );
    expect(response.statusCode).toBe(200);
    const drill = response.json();
    const cohort = await cohortIds("in_care_end", report.period.start);
    const unit = await unitChildren(world.database.db, accounts.supervisor);
    const expected = [...cohort].filter((id) => unit.has(id)).sort();
    expect(drill.total).toBe(cohort.size);
    expect(drill.total).toBe(report.measures.find((m: { measure: string }) => m.measure === "in_care_end").denominator);
    expect(drill.children.map((c: { id: string }) => c.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(cohort.size);
    expect(drill.notShown).toBe(cohort.size - expected.length);

    await sealAuditNow(world.database.db);
    const audit = await world.database.db
      .selectFrom("audit_event")
      .select(["seq", "action", "entity_ids", "purpose", "request_id", "outcome"])
      .where("action", "in", ["child.read_many", "outcomes.children"])
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["child.read_many", "outcomes.children"]);
    // One request, one transaction: consecutive rows of the same request.
    expect(audit[1].seq).toBe(audit[0].seq! + 1);
    expect(audit[0].request_id).toBe(audit[1].request_id);
    expect([...audit[0].entity_ids!].sort()).toEqual(expected);
    expect(audit[1].purpose).toBe(`outcomes CA-FRESNO in_care_end denominator ${report.period.start}`);
  });

  it("lists the numerator where a measure has one, and refuses it where it has not", async () => {
    const session = await world.as(accounts.supervisor);
    const numerator = await world.get(
      session,
      "/api/outcomes/children?area=CA-FRESNO&measure=permanency_12m_entries&part=numerator",
    );
    expect(numerator.statusCode).toBe(200);
    expect(numerator.json().part).toBe("numerator");
    const none = await world.get(session, "/api/outcomes/children?area=CA-FRESNO&measure=entries&part=numerator");
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].field).toBe("part");
    const homes = await world.get(session, "/api/outcomes/children?area=CA-FRESNO&measure=homes_approved");
    expect(homes.statusCode).toBe(400);
    expect(homes.json().error.fields[0].field).toBe("measure");
  });

  it(`are refused to analysts and coordinators (403), whatever \
their outcome reach, and another site's are 404`, async () => {
    for (const email of [accounts.analyst, accounts.coordinator, accounts.networkAnalyst]) {
      const response = await world.get(
        await world.as(email),
        "/api/outcomes/children?area=CA-FRESNO&measure=in_care_end",
      );
      expect(response.statusCode, email).toBe(403);
      expect(response.json().error.code).toBe("forbidden");
    }
    expect(
      (await world.get(await world.as(accounts.stateAnalyst), "/api/outcomes/children?area=FL-C13&measure=in_care_end"))
        .statusCode,
    ).toBe(403);
    expect(
      (await world.get(await world.as(accounts.supervisor), "/api/outcomes/children?area=FL-C13&measure=in_care_end"))
        .statusCode,
    ).toBe(404);
  });

  it("are, for every measure and both parts, exactly the children the engine's childCohorts names", async () => {
    const db = world.database.db;
    const area = (await listAreas(db)).find((a) => a.code === "CA-FRESNO")!;
    const columns = await readHistoryColumns(db, { areaIds: [area.id] });
    for (const start of ["2023-10-01", "2024-10-01"]) {
      const period = periodStarting(dayOf(start));
      const cohorts = Array.from({ length: columns.childCount }, (_, c) => childCohorts(columns, c, period));
      for (const measure of measureIds.filter((m) => measureCatalogue[m].family !== "homes")) {
        for (const part of ["denominator", "numerator"] as const) {
          const unit = measureCatalogue[measure].unit;
          if (part === "numerator" && (unit === "days" || unit === "count")) continue;
          const expected = cohorts.flatMap((c, i) =>
            (part === "denominator" ? (c[measure]?.denominator ?? 0) : (c[measure]?.numerator ?? 0)) > 0
              ? [columns.childKey[i]]
              : [],
          );
          const keys = await drillDownKeys(db, area as VisibleArea, period, measure, part);
          expect(keys, `${measure} ${part} ${start}`).toEqual(expected);
        }
      }
    }
  });
});
