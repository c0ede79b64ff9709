import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { VisibleArea } from "./area-context.js";
import { columnsOf } from "./area-results.js";
import type { HistoryColumns } from "./history/columns.js";
import { type MeasureId, measureCatalogue } from "./measures/catalogue.js";
import { computeMeasures } from "./measures/engine.js";
import type { Period } from "./measures/types.js";

/** The engine groups results by a Uint16 site index: this many children per pass. */
const CHILDREN_PER_PASS = 65_535;

/**
 * The outcome keys of the children in a measure's denominator (or
 * numerator) for a period.
 *
 * Asking the engine child by child (childCohorts) costs a full result set per
 * child — about 5 s for a county of 5,000. Instead the same columns are given
 * to computeMeasures with every child as a "site" of its own: bySite[c] is
 * then exactly what child c adds to each measure, from one pass of the same
 * code that makes the figure (siblings are grouped by family, not by site, so
 * they are unaffected). Homes have no children and are left out.
 */
export async function drillDownKeys(
  db: Kysely<Database>,
  area: VisibleArea,
  period: Period,
  measure: MeasureId,
  part: "denominator" | "numerator",
): Promise<number[]> {
  const unit = measureCatalogue[measure].unit;
  if (part === "numerator" && (unit === "days" || unit === "count")) {
    throw new AppError("validation", "error.validation", {}, [{ field: "part", messageKey: "outcomes.no_numerator" }]);
  }
  const cols = await columnsOf(db, [area]);
  const keys: number[] = [];
  for (let first = 0; first < cols.childCount; first += CHILDREN_PER_PASS) {
    const count = Math.min(CHILDREN_PER_PASS, cols.childCount - first);
    const [result] = computeMeasures(eachChildASite(cols, first, count), [period]);
    for (let i = 0; i < count; i++) {
      const tally = result.bySite[i][measure];
      if (part === "denominator" ? tally.denominator > 0 : (tally.numerator ?? 0) > 0)
        keys.push(cols.childKey[first + i]);
    }
  }
  return keys;
}

/**
 * The columns with children first … first+count−1 as sites 0 … count−1; the others in no site (the engine then counts
 * them in totals only).
 */
function eachChildASite(cols: HistoryColumns, first: number, count: number): HistoryColumns {
  const site = new Uint16Array(cols.childCount).fill(CHILDREN_PER_PASS);
  for (let i = 0; i < count; i++) site[first + i] = i;
  return { ...cols, site, sites: Array.from({ length: count }, (_, i) => String(i)), homes: [] };
}
