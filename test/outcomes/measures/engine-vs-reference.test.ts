import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import { defaultMeasureOptions } from "../../../server/modules/outcomes/measures/options.js";
import type { MeasureOptions } from "../../../server/modules/outcomes/measures/types.js";
import { firstDifference } from "./compare-results.js";
import { referenceMeasures } from "./reference.js";
import { optionsArbitrary, worldArbitrary, type GeneratedWorld } from "./worlds.js";

// The engine (typed arrays, one pass, accumulators) must agree with the plain
// reference (reference.ts) on every measure, total, dimension, reason and
// site, for every period and every option value.

function disagreement(world: GeneratedWorld, options: MeasureOptions): string | null {
  const columns = columnsFromHistories(world.histories, world.sites, world.homes);
  return firstDifference(computeMeasures(columns, world.periods, options), referenceMeasures(world, world.periods, options));
}

function check(options: fc.Arbitrary<MeasureOptions>, numRuns: number): void {
  fc.assert(
    fc.property(worldArbitrary, options, (world, opts) => {
      const diff = disagreement(world, opts);
      if (diff) throw new Error(`${diff}\noptions ${JSON.stringify(opts)}`);
    }),
    { numRuns },
  );
}

describe("engine = reference", () => {
  it("with the default options", () => check(fc.constant({ ...defaultMeasureOptions }), 1200));

  it("with random combinations of every option", () => check(optionsArbitrary, 1500));

  // Each option value on its own, away from the defaults, so a mistake in one
  // reading is not masked by another option's.
  const singles: Partial<MeasureOptions>[] = [
    { permanencyAnniversaryCounts: true },
    { reentryExits: "each" },
    { recurrenceWindowInclusive: false },
    { afcarsSnapshotEmulation: true },
    { reentryAnniversaryCounts: true },
    { recurrenceAnniversaryCounts: true },
    { periodEndDay: "not_counted" },
    { periodEndDay: "cb_syntax" },
    { shortEpisodeSeenAt: "latest_data" },
    { monthsInCare: "average" },
    { duplicateReportsAgainst: "counted_prior" },
    { incidentInFirstWeekExcluded: false },
    { homesIncludeKin: true },
  ];
  it.each(singles.map((o) => [JSON.stringify(o), o] as const))("with %s", (_, option) => check(fc.constant({ ...defaultMeasureOptions, ...option }), 150));

  it("reads only the columns, not the order of sites or extra empty sites", () => {
    fc.assert(
      fc.property(worldArbitrary, (world) => {
        const wider = { ...world, sites: [...world.sites, "EMPTY"] };
        const columns = columnsFromHistories(wider.histories, wider.sites, wider.homes);
        const results = computeMeasures(columns, world.periods);
        for (const r of results) for (const tally of Object.values(r.bySite[wider.sites.length - 1])) expect(tally.denominator).toBe(0);
        expect(firstDifference(results, referenceMeasures(wider, world.periods, { ...defaultMeasureOptions }))).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});
