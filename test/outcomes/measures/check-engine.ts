import fc from "fast-check";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import type { MeasureOptions } from "../../../server/modules/outcomes/measures/types.js";
import { firstDifference } from "./compare-results.js";
import { referenceMeasures } from "./reference.js";
import { type GeneratedWorld, worldArbitrary } from "./worlds.js";

/** Where the engine and the reference disagree on a world, or null. */
export function disagreement(world: GeneratedWorld, options: MeasureOptions): string | null {
  const columns = columnsFromHistories(world.histories, world.sites, world.homes);
  return firstDifference(
    computeMeasures(columns, world.periods, options),
    referenceMeasures(world, world.periods, options),
  );
}

/** The property: engine = reference on `numRuns` random worlds. */
export function checkEngineAgainstReference(options: fc.Arbitrary<MeasureOptions>, numRuns: number): void {
  fc.assert(
    fc.property(worldArbitrary, options, (world, opts) => {
      const diff = disagreement(world, opts);
      if (diff) throw new Error(`${diff}\noptions ${JSON.stringify(opts)}`);
    }),
    { numRuns },
  );
}
