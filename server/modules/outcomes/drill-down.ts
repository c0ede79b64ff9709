import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import { NO_DAY } from "./history/days.js";
import { childCohorts } from "./measures/engine.js";
import { measureCatalogue, type MeasureId } from "./measures/catalogue.js";
import type { Period } from "./measures/types.js";
import { columnsOf } from "./area-results.js";
import type { VisibleArea } from "./area-context.js";

/**
 * The outcome keys of the children in a measure's denominator (or
 * numerator) for a period: the engine's own childCohorts, so the list and the
 * figure agree child for child. Only children whose care or reports touch the
 * period can be in any cohort, so the others are skipped before asking.
 */
export async function drillDownKeys(db: Kysely<Database>, area: VisibleArea, period: Period, measure: MeasureId, part: "denominator" | "numerator"): Promise<number[]> {
  const unit = measureCatalogue[measure].unit;
  if (part === "numerator" && (unit === "days" || unit === "count")) {
    throw new AppError("validation", "error.validation", {}, [{ field: "part", messageKey: "outcomes.no_numerator" }]);
  }
  const cols = await columnsOf(db, [area]);
  const keys: number[] = [];
  for (let c = 0; c < cols.childCount; c++) {
    if (!touches(cols, c, period)) continue;
    const contribution = childCohorts(cols, c, period)[measure];
    if (!contribution) continue;
    if (part === "denominator" ? contribution.denominator > 0 : (contribution.numerator ?? 0) > 0) keys.push(cols.childKey[c]);
  }
  return keys;
}

function touches(cols: Awaited<ReturnType<typeof columnsOf>>, c: number, period: Period): boolean {
  const e0 = cols.episodeStart[c];
  const e1 = cols.episodeStart[c + 1];
  if (e0 < e1) {
    const lastExit = cols.exitDay[e1 - 1];
    if (cols.removalDay[e0] <= period.end && (lastExit === NO_DAY || lastExit >= period.start)) return true;
  }
  for (let r = cols.reportStart[c]; r < cols.reportStart[c + 1]; r++) {
    if (cols.reportDay[r] >= period.start && cols.reportDay[r] <= period.end) return true;
  }
  return false;
}
