import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { addMonths } from "../../../server/modules/outcomes/history/days.js";
import { measureCatalogue, measureIds } from "../../../server/modules/outcomes/measures/catalogue.js";
import { childCohorts, computeMeasures, periodStarting } from "../../../server/modules/outcomes/measures/engine.js";
import { optionsArbitrary, PERIOD_STARTS, worldArbitrary } from "./worlds.js";

// Properties of the engine that hold whatever the reading of the DD.

describe("engine properties", () => {
  it("drill-down: the children's contributions add up to the totals", () => {
    fc.assert(
      fc.property(worldArbitrary, optionsArbitrary, (world, options) => {
        const columns = columnsFromHistories(world.histories, world.sites, world.homes);
        const period = world.periods[0];
        const [results] = computeMeasures(columns, [period], options);
        const sums = new Map<string, { numerator: number; denominator: number }>();
        for (let c = 0; c < columns.childCount; c++) {
          for (const [id, contribution] of Object.entries(childCohorts(columns, c, period, options))) {
            const sum = sums.get(id) ?? { numerator: 0, denominator: 0 };
            sum.numerator += contribution!.numerator ?? 0;
            sum.denominator += contribution!.denominator;
            sums.set(id, sum);
          }
        }
        for (const id of measureIds) {
          if (measureCatalogue[id].family === "homes") continue;
          const total = results.total[id];
          const sum = sums.get(id) ?? { numerator: 0, denominator: 0 };
          expect([id, sum.denominator]).toEqual([id, total.denominator]);
          expect([id, sum.numerator]).toEqual([id, total.numerator ?? 0]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the caseload adds up: in care the day before + entries − exits = in care on the last day", () => {
    fc.assert(
      fc.property(worldArbitrary, fc.constantFrom(...PERIOD_STARTS), (world, start) => {
        const columns = columnsFromHistories(world.histories, world.sites, world.homes);
        const [before, period] = computeMeasures(columns, [
          periodStarting(addMonths(start, -12)),
          periodStarting(start),
        ]);
        const count = (r: typeof period, id: "in_care_end" | "entries" | "exits") => r.total[id].denominator;
        expect(count(before, "in_care_end") + count(period, "entries") - count(period, "exits")).toBe(
          count(period, "in_care_end"),
        );
        // every site and age group alone adds up too (no child changes site; ages only grow)
        for (let s = 0; s < world.sites.length; s++) {
          expect(
            before.bySite[s].in_care_end.denominator +
              period.bySite[s].entries.denominator -
              period.bySite[s].exits.denominator,
          ).toBe(period.bySite[s].in_care_end.denominator);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("each figure is the sum of its breakdowns; sub-measures stay within their measures", () => {
    fc.assert(
      fc.property(worldArbitrary, optionsArbitrary, (world, options) => {
        const columns = columnsFromHistories(world.histories, world.sites, world.homes);
        for (const r of computeMeasures(columns, world.periods, options)) {
          for (const id of measureIds) {
            const result = r.total[id];
            if (measureCatalogue[id].unit === "days") continue; // medians do not add up
            const bySite = r.bySite.reduce((sum, site) => sum + site[id].denominator, 0);
            expect(bySite).toBe(result.denominator);
            for (const dimension of ["age_group", "race", "sex"] as const) {
              const tallies = Object.values(result.by[dimension]);
              if (tallies.length > 0)
                expect(tallies.reduce((sum, t) => sum + t.denominator, 0)).toBe(result.denominator);
            }
          }
          const t = r.total;
          expect(t.reunification_12m.numerator!).toBeLessThanOrEqual(t.permanency_12m_entries.numerator!);
          expect(t.unplanned_moves.numerator!).toBeLessThanOrEqual(t.placement_stability.numerator!);
          expect(t.siblings_all_together.numerator!).toBeLessThanOrEqual(t.siblings_some_together.numerator!);
          expect(t.permanency_12m_entries.denominator).toBeLessThanOrEqual(t.entries.denominator);
          expect(t.median_length_of_stay.denominator).toBe(t.exits.denominator);
          expect(Object.values(t.exits.byReason!).reduce((sum, x) => sum + x.denominator, 0)).toBe(t.exits.denominator);
        }
      }),
      { numRuns: 300 },
    );
  });
});
