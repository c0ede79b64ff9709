import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { childrenService } from "../children/index.js";
import { type VisibleArea, visibleArea, visibleAreas } from "./area-context.js";
import { computeForAreas } from "./area-results.js";
import { areaView, chosenPeriodStart } from "./area-view.js";
import { drillDownKeys } from "./drill-down.js";
import { measureReport, missingSource, periodView, shownCell, sourceNeeded } from "./figures.js";
import { addMonths, dayOf, isoOf } from "./history/days.js";
import { type MeasureId, measureCatalogue, measureIds } from "./measures/catalogue.js";
import { periodStarting } from "./measures/engine.js";
import type { Period } from "./measures/types.js";
import { followUpComplete, followUpOf, halfYearSteps, periodBeforeLaunch, trendEndingWith } from "./periods.js";
import { practiceTimeliness } from "./practices.js";
import { reportCsv } from "./report-csv.js";
import { outcomesRepository } from "./repository.js";
import type { AreaChoice, BeforeAfter, Compare, DrillDown, MeasureCatalogueView, Report, Trend } from "./schema.js";
import { SMALL_CELL_MAX } from "./suppression.js";

const MAX_TREND_PERIODS = 40;
const TREND_PERIODS = 8;
/**
 * "Today" for an area with no data yet: the actor's calendar day at the area's site, or at the westernmost of
 * their sites (the earliest day) for an area elsewhere — the request's instant in a site's zone, never UTC.
 */
function todayDay(actor: Actor, area?: VisibleArea): number {
  const own = area?.siteId ? actor.siteDays[area.siteId] : undefined;
  return dayOf(own ?? Object.values(actor.siteDays).sort()[0]);
}

/** A chosen 12-month period must end by the data's last day: later ones would count children not yet recorded. */
function periodFrom(field: string, start: string, asOf: number): Period {
  const period = periodStarting(dayOf(start));
  if (period.end > asOf)
    throw new AppError("validation", "error.validation", {}, [
      { field, messageKey: "outcomes.period_not_covered", params: { start, asOf: isoOf(asOf) } },
    ]);
  return period;
}

function asOfOf(actor: Actor, area: VisibleArea): number {
  return area.dataAsOf ?? todayDay(actor, area);
}

export function outcomesService(db: Kysely<Database>) {
  /**
   * Every measure for the period starting `start` and the half-year trend
   * ending with it: one engine pass. Practice timeliness needs no follow-up,
   * so on the default view (which lags the data by a year for the follow-up
   * measures) it covers the latest 12 months to the data's as-of day; a chosen
   * period is used as it is.
   */
  async function reportOf(
    actor: Actor,
    area: VisibleArea,
    start: number,
    chosen: boolean,
  ): Promise<z.infer<typeof Report>> {
    const periods = trendEndingWith(start, TREND_PERIODS);
    const results = await computeForAreas(db, [area], periods);
    const last = results[results.length - 1];
    const context = { period: last.period, exact: area.exact, launch: area.launchDay, asOf: area.dataAsOf };
    return {
      area: areaView(area),
      period: periodView(last.period),
      dataAsOf: area.dataAsOf === null ? null : isoOf(area.dataAsOf),
      measures: measureIds.map((id) =>
        measureReport(
          last.total[id],
          results.map((r) => ({ period: r.period, tally: r.total[id] })),
          { ...context, missing: missingSource(id, last.sources, 0) },
        ),
      ),
      practices: await practiceTimeliness(
        db,
        actor,
        area,
        chosen ? last.period : { start: addMonths(asOfOf(actor, area) + 1, -12), end: asOfOf(actor, area) },
      ),
    };
  }

  return {
    measures(actor: Actor): z.infer<typeof MeasureCatalogueView> {
      requireAccess(actor, "outcomes:read");
      return {
        smallCellMax: SMALL_CELL_MAX,
        measures: measureIds.map((id) => {
          const m = measureCatalogue[id];
          return {
            id,
            family: m.family,
            unit: m.unit,
            good: m.good,
            national: m.national ?? null,
            ageBasis: m.ageBasis,
            followUpMonths: followUpOf(id),
          };
        }),
      };
    },

    async areas(actor: Actor) {
      return { areas: (await visibleAreas(db, actor)).map(areaView) };
    },

    async report(actor: Actor, query: AreaChoice & { periodStart?: string }) {
      const area = await visibleArea(db, actor, query);
      const start = query.periodStart
        ? periodFrom("periodStart", query.periodStart, asOfOf(actor, area)).start
        : chosenPeriodStart(area);
      return reportOf(actor, area, start, query.periodStart !== undefined);
    },

    /** The report as CSV; the export is audited (who took which figures out of the platform). */
    async reportCsv(actor: Actor, query: AreaChoice & { periodStart?: string }) {
      const area = await visibleArea(db, actor, query);
      const start = query.periodStart
        ? periodFrom("periodStart", query.periodStart, asOfOf(actor, area)).start
        : chosenPeriodStart(area);
      const report = await reportOf(actor, area, start, query.periodStart !== undefined);
      await recordAudit(db, actor, {
        action: "outcomes.report_csv",
        entityType: "outcome_area",
        entityId: area.code,
        siteId: area.siteId,
        purpose: `report ${report.period.start}`,
        outcome: "success",
      });
      return { filename: `outcomes-${area.code}-${report.period.start}.csv`, csv: reportCsv(report) };
    },

    async trend(
      actor: Actor,
      query: AreaChoice & { measure: MeasureId; from?: string; to?: string },
    ): Promise<z.infer<typeof Trend>> {
      const area = await visibleArea(db, actor, query);
      const asOf = asOfOf(actor, area);
      const to = query.to ? periodFrom("to", query.to, asOf).start : chosenPeriodStart(area);
      const from = query.from ? dayOf(query.from) : trendEndingWith(to, TREND_PERIODS)[0].start;
      if (from > to)
        throw new AppError("validation", "error.validation", {}, [
          { field: "from", messageKey: "outcomes.from_after_to", params: { to: isoOf(to) } },
        ]);
      const periods = halfYearSteps(from, to);
      if (periods.length > MAX_TREND_PERIODS)
        throw new AppError("validation", "error.validation", {}, [
          { field: "from", messageKey: "outcomes.too_many_periods", params: { max: MAX_TREND_PERIODS } },
        ]);
      const results = await computeForAreas(db, [area], periods);
      const report = measureReport(
        results[results.length - 1].total[query.measure],
        results.map((r) => ({ period: r.period, tally: r.total[query.measure] })),
        {
          period: results[results.length - 1].period,
          exact: area.exact,
          launch: area.launchDay,
          asOf: area.dataAsOf,
          missing: missingSource(query.measure, results[0].sources, 0),
        },
      );
      return {
        area: area.code,
        measure: query.measure,
        launchDate: area.launchDay === null ? null : isoOf(area.launchDay),
        points: report.trend,
      };
    },

    /** One measure for every area in reach, same period; each area suppressed unless it is the viewer's own. */
    async compare(actor: Actor, query: { measure: MeasureId; periodStart?: string }): Promise<z.infer<typeof Compare>> {
      const areas = await visibleAreas(db, actor);
      const newest = areas.reduce<VisibleArea | null>(
        (best, a) => (best === null || asOfOf(actor, a) > asOfOf(actor, best) ? a : best),
        null,
      );
      const asOf = newest ? asOfOf(actor, newest) : todayDay(actor);
      const start = query.periodStart
        ? periodFrom("periodStart", query.periodStart, asOf).start
        : newest
          ? chosenPeriodStart(newest)
          : trendEndingWith(asOf, 1)[0].start;
      const period = periodStarting(start);
      const [result] = await computeForAreas(db, areas, [period]);
      const rows = areas
        .map((area) => {
          const site = result.sites.indexOf(area.code);
          const tally = result.bySite[site]?.[query.measure] ?? { numerator: 0, denominator: 0, value: null };
          const missing = site < 0 ? sourceNeeded(query.measure) : missingSource(query.measure, result.sources, site);
          return {
            ...shownCell(query.measure, tally, area.exact, missing),
            missingSource: missing,
            area: area.code,
            name: area.name,
            stateCode: area.stateCode,
            exact: area.exact,
            dataAsOf: area.dataAsOf === null ? null : isoOf(area.dataAsOf),
            followUpComplete: followUpComplete(query.measure, period, area.dataAsOf),
          };
        })
        .sort((a, b) => a.stateCode.localeCompare(b.stateCode) || a.name.localeCompare(b.name));
      return {
        measure: query.measure,
        period: periodView(period),
        national: measureCatalogue[query.measure].national?.value ?? null,
        rows,
      };
    },

    /** The 12 months before the site's QPI launch against the default (latest final) period. */
    async beforeAfter(actor: Actor, query: AreaChoice): Promise<z.infer<typeof BeforeAfter>> {
      const area = await visibleArea(db, actor, query);
      if (area.launchDay === null)
        return { area: area.code, launchDate: null, before: null, after: null, measures: [] };
      const before = periodBeforeLaunch(area.launchDay);
      const after = periodStarting(chosenPeriodStart(area));
      const coverage =
        area.dataFrom === null || area.dataFrom > before.end
          ? "none"
          : area.dataFrom > before.start
            ? "partial"
            : "complete";
      const periods = coverage === "none" ? [after] : [before, after];
      const results = await computeForAreas(db, [area], periods);
      const [b, a] = coverage === "none" ? [null, results[0]] : results;
      return {
        area: area.code,
        launchDate: isoOf(area.launchDay),
        before: { period: periodView(before), coverage },
        after: { period: periodView(after) },
        measures: measureIds.map((id) => {
          const missing = missingSource(id, a.sources, 0);
          return {
            measure: id,
            before: b ? shownCell(id, b.total[id], area.exact, missing) : null,
            after: shownCell(id, a.total[id], area.exact, missing),
          };
        }),
      };
    },

    /**
     * The children behind a number, for staff who may open them: the outcome
     * cohort is mapped to platform children and filtered by the children
     * module's own scope (a supervisor gets their unit's, an analyst 403),
     * audited in the same transaction as the read.
     */
    async children(
      actor: Actor,
      query: AreaChoice & { measure: MeasureId; periodStart?: string; part: "denominator" | "numerator" },
    ): Promise<z.infer<typeof DrillDown>> {
      const area = await visibleArea(db, actor, query);
      requireAccess(actor, "child:read");
      if (measureCatalogue[query.measure].family === "homes")
        throw new AppError("validation", "error.validation", {}, [
          { field: "measure", messageKey: "outcomes.no_children_behind" },
        ]);
      const start = query.periodStart
        ? periodFrom("periodStart", query.periodStart, asOfOf(actor, area)).start
        : chosenPeriodStart(area);
      const period = periodStarting(start);
      const keys = await drillDownKeys(db, area, period, query.measure, query.part);
      const purpose = `outcomes ${area.code} ${query.measure} ${query.part} ${isoOf(period.start)}`;
      return db.transaction().execute(async (trx) => {
        const platformIds = area.siteId === null ? [] : await outcomesRepository(trx).platformChildIds(keys);
        const children = platformIds.length ? await childrenService(trx).readMany(actor, platformIds, purpose) : [];
        await recordAudit(trx, actor, {
          action: "outcomes.children",
          entityType: "outcome_area",
          entityId: area.code,
          siteId: area.siteId,
          fieldClasses: ["identity"],
          purpose,
          outcome: "success",
        });
        return {
          area: area.code,
          measure: query.measure,
          period: periodView(period),
          part: query.part,
          total: keys.length,
          children,
          notShown: keys.length - children.length,
        };
      });
    },
  };
}
