import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, dayOf } from "../../../server/modules/outcomes/history/days.js";
import { measureIds } from "../../../server/modules/outcomes/measures/catalogue.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import { defaultPeriodStart, trendEndingWith } from "../../../server/modules/outcomes/periods.js";
import { listAreas } from "../../../server/modules/outcomes/read/areas.js";
import { readHistoryColumns } from "../../../server/modules/outcomes/read/read-columns.js";
import { isSmallCell } from "../../../server/modules/outcomes/suppression.js";
import { accounts, type OutcomesWorld, outcomesWorld } from "./world.js";

let world: OutcomesWorld;

beforeAll(async () => {
  world = await outcomesWorld();
}, 180_000);
afterAll(async () => {
  await world?.close();
});

interface Cell {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: { numerator: boolean; denominator: boolean; value: boolean };
}
interface MeasureView extends Cell {
  measure: string;
  missingSource: string | null;
  unit: string;
  by: Record<string, (Cell & { group: string })[]>;
  trend: (Cell & { period: { start: string } })[];
}

/** Nothing a viewer outside the site sees is a count of 1 to 10 (or its complement). */
function revealsSmallCell(cell: Cell, unit: string): boolean {
  if (isSmallCell(cell.numerator) || isSmallCell(cell.denominator)) return true;
  if (unit === "count" && isSmallCell(cell.value)) return true;
  return (
    unit === "percent" &&
    cell.numerator !== null &&
    cell.denominator !== null &&
    isSmallCell(cell.denominator - cell.numerator)
  );
}

describe("outcome reports", () => {
  it(`give the site's own staff exactly what computeMeasures gives on \
the same columns, for the default period and its trend`, async () => {
    const response = await world.get(await world.as(accounts.coordinator), "/api/outcomes/report?area=CA-FRESNO");
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.area).toMatchObject({ code: "CA-FRESNO", exact: true, source: "platform" });
    // Default: the latest half-year-aligned 12 months whose 12-month follow-up has passed by "data as of".
    const asOf = dayOf(report.dataAsOf);
    expect(report.period.start).toBe(new Date(defaultPeriodStart(asOf) * 86_400_000).toISOString().slice(0, 10));
    expect(addMonths(dayOf(report.period.end) + 1, 12) - 1).toBeLessThanOrEqual(asOf);
    expect(report.period.start.slice(5)).toMatch(/^(04|10)-01$/);

    const area = (await listAreas(world.database.db)).find((a) => a.code === "CA-FRESNO")!;
    const columns = await readHistoryColumns(world.database.db, { areaIds: [area.id] });
    const periods = trendEndingWith(dayOf(report.period.start), 8);
    const results = computeMeasures(columns, periods);
    const last = results[results.length - 1];
    expect(report.measures.map((m: MeasureView) => m.measure)).toEqual([...measureIds]);
    // The test world's case records carry maltreatment reports, so S1 and S2 are measured too
    // (platform-reports.int.test.ts: a site without any shows them "not measured", never 0).
    expect(columns.reportCount).toBeGreaterThan(0);
    expect(report.measures.filter((m: MeasureView) => m.missingSource)).toEqual([]);
    for (const m of report.measures as MeasureView[]) {
      const expected = last.total[m.measure as (typeof measureIds)[number]];
      const value = (v: number | null) => (m.missingSource ? null : v);
      expect({ measure: m.measure, numerator: m.numerator, denominator: m.denominator, value: m.value }).toEqual({
        measure: m.measure,
        numerator: expected.numerator,
        denominator: expected.denominator,
        value: value(expected.value),
      });
      expect(Object.values(m.suppressed).some(Boolean)).toBe(false);
      expect(m.trend.map((p) => [p.period.start, p.numerator, p.denominator, p.value])).toEqual(
        results.map((r) => {
          const t = r.total[m.measure as (typeof measureIds)[number]];
          return [
            new Date(r.period.start * 86_400_000).toISOString().slice(0, 10),
            t.numerator,
            t.denominator,
            value(t.value),
          ];
        }),
      );
      for (const dimension of ["age_group", "race", "sex"] as const) {
        for (const row of m.by[dimension]) {
          const t = expected.by[dimension][row.group];
          expect([row.numerator, row.denominator, row.value]).toEqual([t.numerator, t.denominator, value(t.value)]);
        }
        const nonEmpty = Object.entries(expected.by[dimension])
          .filter(([, t]) => t.denominator > 0 || (t.numerator ?? 0) > 0)
          .map(([g]) => g);
        expect(m.by[dimension].map((r) => r.group).sort()).toEqual(nonEmpty.sort());
      }
    }
    // Practice timeliness comes from the children module for the coordinator: on the default view the
    // latest 12 months (it needs no follow-up), for a chosen period that period.
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    expect(report.practices).toMatchObject({ from: iso(addMonths(asOf + 1, -12)), to: report.dataAsOf });
    expect(report.practices.rows.length).toBeGreaterThan(0);
    const chosen = (
      await world.get(
        await world.as(accounts.coordinator),
        `/api/outcomes/report?area=CA-FRESNO&periodStart=${report.period.start}`,
      )
    ).json();
    expect(chosen.practices).toMatchObject({ from: report.period.start, to: report.period.end });
  });

  it("suppress small cells for a network analyst, and show them exactly where they are shown at all", async () => {
    const exact = (await world.get(await world.as(accounts.coordinator), "/api/outcomes/report?area=CA-FRESNO")).json();
    const response = await world.get(await world.as(accounts.networkAnalyst), "/api/outcomes/report?area=CA-FRESNO");
    expect(response.statusCode).toBe(200);
    const seen = response.json();
    expect(seen.area.exact).toBe(false);
    let hidden = 0;
    for (const [i, m] of (seen.measures as MeasureView[]).entries()) {
      const truth = exact.measures[i] as MeasureView;
      const cells: [Cell, Cell][] = [[m, truth], ...m.trend.map((p, j): [Cell, Cell] => [p, truth.trend[j]])];
      for (const dimension of ["age_group", "race", "sex"])
        m.by[dimension].forEach((row, j) => cells.push([row, truth.by[dimension][j]]));
      for (const [shown, real] of cells) {
        expect(revealsSmallCell(shown, m.unit)).toBe(false);
        for (const part of ["numerator", "denominator", "value"] as const) {
          if (shown.suppressed[part]) {
            expect(shown[part]).toBeNull();
            hidden++;
          } else expect(shown[part]).toBe(real[part]);
        }
      }
    }
    // The test world's sites are small: plenty is hidden.
    expect(hidden).toBeGreaterThan(20);
    // Practice timeliness is the site's own business.
    expect(seen.practices).toBeNull();
  });

  it("let a state analyst see their state's sites only, suppressed", async () => {
    const session = await world.as(accounts.stateAnalyst);
    const areas = (await world.get(session, "/api/outcomes/areas")).json().areas;
    expect(areas.map((a: { code: string; exact: boolean }) => [a.code, a.exact])).toEqual([["FL-C13", false]]);
    expect((await world.get(session, "/api/outcomes/report?area=FL-C13")).statusCode).toBe(200);
    const other = await world.get(session, "/api/outcomes/report?area=CA-FRESNO");
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe("not_found");
  });

  it("compare every area in reach, each suppressed unless it is the viewer's own", async () => {
    const network = (
      await world.get(await world.as(accounts.networkAnalyst), "/api/outcomes/compare?measure=in_care_end")
    ).json();
    expect(network.rows.map((r: { area: string }) => r.area).sort()).toEqual(["CA-FRESNO", "FL-C13", "MN-HENNEPIN"]);
    for (const row of network.rows as (Cell & { exact: boolean })[]) {
      expect(row.exact).toBe(false);
      expect(revealsSmallCell(row, "count")).toBe(false);
    }
    const own = (
      await world.get(await world.as(accounts.coordinator), "/api/outcomes/compare?measure=in_care_end")
    ).json();
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0]).toMatchObject({ area: "CA-FRESNO", exact: true, suppressed: { value: false } });
  });

  it("answer another site's area with 404 and a site id with its area", async () => {
    const session = await world.as(accounts.coordinator);
    expect((await world.get(session, "/api/outcomes/report?area=FL-C13")).statusCode).toBe(404);
    expect((await world.get(session, "/api/outcomes/before-after?area=MN-HENNEPIN")).statusCode).toBe(404);
    const bySite = await world.get(session, `/api/outcomes/trend?site=${world.sites["CA-FRESNO"]}&measure=entries`);
    expect(bySite.statusCode).toBe(200);
    expect(bySite.json().points).toHaveLength(8);
    expect((await world.get(session, `/api/outcomes/report?site=${world.sites["FL-C13"]}`)).statusCode).toBe(404);
  });

  it("refuse bad query parameters with 400 naming the field, in the user's language", async () => {
    const session = await world.as(accounts.coordinator);
    const badArea = await world.get(session, "/api/outcomes/report?area=fresno", "qpi_lang=es");
    expect(badArea.statusCode).toBe(400);
    expect(badArea.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["area"]);
    const badDay = await world.get(
      session,
      "/api/outcomes/report?area=CA-FRESNO&periodStart=2025-13-01",
      "qpi_lang=es",
    );
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error).toMatchObject({ code: "validation", message: "Algunos campos no son válidos." });
    expect(badDay.json().error.fields[0].field).toBe("periodStart");
    const future = await world.get(
      session,
      "/api/outcomes/report?area=CA-FRESNO&periodStart=2030-10-01",
      "qpi_lang=es",
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([
      { field: "periodStart", message: expect.stringMatching(/terminan después del último día de los datos/) },
    ]);
    const measure = await world.get(session, "/api/outcomes/trend?area=CA-FRESNO&measure=happiness");
    expect(measure.statusCode).toBe(400);
    expect(measure.json().error.fields[0].field).toBe("measure");
    const order = await world.get(
      session,
      "/api/outcomes/trend?area=CA-FRESNO&measure=entries&from=2024-10-01&to=2023-10-01",
    );
    expect(order.statusCode).toBe(400);
    expect(order.json().error.fields[0]).toMatchObject({
      field: "from",
      message: "From: Must be on or before 2023-10-01.",
    });
    const none = await world.get(session, "/api/outcomes/report");
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].field).toBe("area");
  });

  it("compare the 12 months before the QPI launch with the latest final 12 months", async () => {
    const response = await world.get(await world.as(accounts.coordinator), "/api/outcomes/before-after?area=CA-FRESNO");
    expect(response.statusCode).toBe(200);
    const view = response.json();
    // Fresno began QPI in 2013; the demo's histories start seven years before the test world's day.
    expect(view).toMatchObject({
      launchDate: "2013-07-01",
      before: { period: { start: "2012-07-01", end: "2013-06-30" }, coverage: "none" },
    });
    expect(view.measures).toHaveLength(measureIds.length);
    expect(view.measures.every((m: { before: unknown }) => m.before === null)).toBe(true);
  });

  it("export the report as CSV, suppressed cells written as such", async () => {
    const own = await world.get(await world.as(accounts.coordinator), "/api/outcomes/report.csv?area=CA-FRESNO");
    expect(own.statusCode).toBe(200);
    expect(own.headers["content-type"]).toMatch(/^text\/csv/);
    expect(own.headers["content-disposition"]).toMatch(/attachment; filename="outcomes-CA-FRESNO-\d{4}-\d{2}-01\.csv"/);
    const lines = own.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "area,period_start,period_end,measure,unit,dimension,group,numerator,denominator,value,national," +
        "follow_up_complete",
    );
    expect(own.body).not.toContain("suppressed");
    const report = (
      await world.get(await world.as(accounts.coordinator), "/api/outcomes/report?area=CA-FRESNO")
    ).json();
    const rows = (report.measures as MeasureView[]).reduce(
      (n, m) => n + m.trend.length + m.by.age_group.length + m.by.race.length + m.by.sex.length,
      0,
    );
    expect(lines).toHaveLength(rows + 1);
    const entries = lines.find((l) =>
      l.startsWith(`CA-FRESNO,${report.period.start},${report.period.end},entries,count,total`),
    )!;
    const m = (report.measures as MeasureView[]).find((x) => x.measure === "entries")!;
    expect(entries.split(",")[8]).toBe(String(m.denominator));

    const outside = await world.get(
      await world.as(accounts.networkAnalyst),
      "/api/outcomes/report.csv?area=MN-HENNEPIN",
    );
    expect(outside.statusCode).toBe(200);
    expect(outside.body).toContain("suppressed");
    for (const line of outside.body.trim().split("\r\n").slice(1)) {
      const [, , , , unit, , , numerator, denominator, value] = line.split(",");
      for (const cell of [numerator, denominator, unit === "count" ? value : ""]) {
        if (cell !== "" && cell !== "suppressed") expect(isSmallCell(Number(cell))).toBe(false);
      }
    }
    const audit = await world.database.db
      .selectFrom("audit_event")
      .select(["action", "entity_id"])
      .where("action", "=", "outcomes.report_csv")
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual(["CA-FRESNO", "MN-HENNEPIN"]);
  });

  it("list the measures with national figures, and refuse roles without outcomes:read", async () => {
    const catalogue = (await world.get(await world.as(accounts.analyst), "/api/outcomes/measures")).json();
    expect(catalogue.smallCellMax).toBe(10);
    expect(catalogue.measures.find((m: { id: string }) => m.id === "permanency_12m_entries")).toMatchObject({
      unit: "percent",
      good: "higher",
      national: { value: 35.2 },
      followUpMonths: 12,
    });
    const caseworker = await world.get(await world.as("caseworker@demo.qpi.example"), "/api/outcomes/areas");
    expect(caseworker.statusCode).toBe(403);
  });
});
