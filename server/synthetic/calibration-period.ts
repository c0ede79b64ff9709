import type { Period } from "../modules/outcomes/index.js";
import { dayOf, isoOf } from "../modules/outcomes/index.js";

/**
 * The 12-month period the generator is calibrated on: the federal fiscal
 * year (1 October – 30 September, CB's "xxAxxB") that ends at least 24
 * months before the as-of day, so every indicator's follow-up (12 months for
 * P1, P4 and S2) lies inside the history with room to spare. For the default
 * as-of day 2025-09-30 it is FY2023, 2022-10-01 … 2023-09-30 ("23A23B").
 */
export function calibrationPeriod(asOfDay: number): Period {
  const asOf = isoOf(asOfDay);
  let year = Number(asOf.slice(0, 4)) - 2;
  if (asOf.slice(5) < "09-30") year -= 1;
  return { start: dayOf(`${year - 1}-10-01`), end: dayOf(`${year}-09-30`) };
}
