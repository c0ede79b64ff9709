import fc from "fast-check";
import type { HistoryColumns } from "../../../server/modules/outcomes/history/columns.js";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import type { MeasureOptions } from "../../../server/modules/outcomes/measures/types.js";
import { firstDifference } from "./compare-results.js";
import { referenceMeasures } from "./reference.js";
import { type GeneratedWorld, worldArbitrary } from "./worlds.js";

/** Where the engine and the reference disagree on a world, or null. */
export function disagreement(
  world: GeneratedWorld,
  options: MeasureOptions,
  through: (columns: HistoryColumns) => HistoryColumns = (columns) => columns,
): string | null {
  const columns = through(columnsFromHistories(world.histories, world.sites, world.homes));
  return firstDifference(
    computeMeasures(columns, world.periods, options),
    referenceMeasures(world, world.periods, options),
  );
}

/**
 * The property: engine = reference on `numRuns` random worlds. `through` is the path the columns take to the engine
 * (the outcome snapshot's: encoded and assembled again).
 */
export function checkEngineAgainstReference(
  options: fc.Arbitrary<MeasureOptions>,
  numRuns: number,
  through?: (columns: HistoryColumns) => HistoryColumns,
): void {
  fc.assert(
    fc.property(worldArbitrary, options, (world, opts) => {
      const diff = disagreement(world, opts, through);
      if (diff) throw new Error(`${diff}\noptions ${JSON.stringify(opts)}`);
    }),
    { numRuns },
  );
}
