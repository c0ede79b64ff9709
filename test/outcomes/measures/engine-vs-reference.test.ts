import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import { defaultMeasureOptions } from "../../../server/modules/outcomes/measures/options.js";
import { checkEngineAgainstReference } from "./check-engine.js";
import { firstDifference } from "./compare-results.js";
import { referenceMeasures } from "./reference.js";
import { optionsArbitrary, worldArbitrary } from "./worlds.js";

// The engine (typed arrays, one pass, accumulators) must agree with the plain
// reference (reference.ts) on every measure, total, dimension, reason and
// site, for every period and every option value. Options one at a time:
// engine-vs-reference-options.test.ts.

describe("engine = reference", () => {
  it("with the default options", () => checkEngineAgainstReference(fc.constant({ ...defaultMeasureOptions }), 1000));

  it("with random combinations of every option", () => checkEngineAgainstReference(optionsArbitrary, 1500));

  it("with a site nobody belongs to: empty figures, the rest unchanged", () => {
    fc.assert(
      fc.property(worldArbitrary, (world) => {
        const wider = { ...world, sites: [...world.sites, "EMPTY"] };
        const results = computeMeasures(columnsFromHistories(wider.histories, wider.sites, wider.homes), world.periods);
        for (const r of results)
          for (const tally of Object.values(r.bySite[wider.sites.length - 1])) expect(tally.denominator).toBe(0);
        expect(
          firstDifference(results, referenceMeasures(wider, world.periods, { ...defaultMeasureOptions })),
        ).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});
