import type { MeasureUnit } from "./measures/catalogue.js";
import type { Tally } from "./measures/types.js";

/**
 * Small-cell suppression of outcome figures shown outside a site's own staff
 * (a state or network analyst, another site in a comparison, their CSV).
 *
 * Counts from 1 to SMALL_CELL_MAX could identify a child in a small county, so
 * they are hidden; 0 identifies no one and is shown. This is the common
 * public-health convention of suppressing cells of 1–10 (e.g. the CMS cell
 * size suppression policy for data released outside an agency). A
 * percentage or rate is hidden when either of
 * its counts is, and a percentage also when its complement (denominator −
 * numerator, "the children it did not happen to") is small: 95 of 100 shows
 * that 5 children did not reach permanency.
 *
 * Suppression only hides; it never rounds or perturbs a figure, so a shown
 * number is always the exact one.
 */
export const SMALL_CELL_MAX = 10;

export function isSmallCell(count: number | null): boolean {
  return count !== null && count >= 1 && count <= SMALL_CELL_MAX;
}

export interface SuppressedParts {
  numerator: boolean;
  denominator: boolean;
  value: boolean;
}

/** A tally as shown: hidden parts are null and flagged, so "suppressed" is never mistaken for "no data". */
export interface ShownTally {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: SuppressedParts;
}

const NONE: SuppressedParts = { numerator: false, denominator: false, value: false };

function apply(tally: Tally, hidden: SuppressedParts): ShownTally {
  return {
    numerator: hidden.numerator ? null : tally.numerator,
    denominator: hidden.denominator ? null : tally.denominator,
    value: hidden.value ? null : tally.value,
    suppressed: hidden,
  };
}

/**
 * Which parts of one tally must be hidden. Days (care days of the rate
 * measures' denominators) are not people, but a denominator of 1–10 days is
 * one child's stay, so the same threshold applies to every count. A median
 * (numerator null) is hidden when it is the median of 1–10 children or homes.
 */
export function hiddenParts(tally: Tally, unit: MeasureUnit): SuppressedParts {
  const numerator = isSmallCell(tally.numerator);
  const denominator = isSmallCell(tally.denominator);
  const complement = unit === "percent" && tally.numerator !== null && isSmallCell(tally.denominator - tally.numerator);
  const countValue = unit === "count" && isSmallCell(tally.value);
  return {
    // With the denominator shown, a shown numerator would give the small complement away.
    numerator: numerator || complement,
    denominator,
    value: numerator || denominator || complement || countValue,
  };
}

/** One tally as the viewer may see it: exact for the site's own staff, suppressed for everyone else. */
export function showTally(tally: Tally, unit: MeasureUnit, exact: boolean): ShownTally {
  return apply(tally, exact ? NONE : hiddenParts(tally, unit));
}

type Part = "numerator" | "denominator";

/**
 * A breakdown (one dimension: age groups, race, sex) as the viewer may see it.
 * Beyond each cell's own rule, a count hidden alone in its dimension could be
 * recovered by subtracting the shown cells from the shown total, so when only
 * one cell of a part is hidden the smallest other non-zero cell of that part
 * is hidden too (complementary suppression), until no part is hidden alone.
 */
export function showBreakdown(
  groups: Record<string, Tally>,
  unit: MeasureUnit,
  exact: boolean,
): Record<string, ShownTally> {
  const keys = Object.keys(groups);
  if (exact) return Object.fromEntries(keys.map((k) => [k, apply(groups[k], NONE)]));
  const hidden = new Map(keys.map((k) => [k, hiddenParts(groups[k], unit)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const part of ["numerator", "denominator"] as Part[]) {
      const hiddenKeys = keys.filter((k) => hidden.get(k)![part]);
      if (hiddenKeys.length !== 1) continue;
      const next = keys
        .filter((k) => !hidden.get(k)![part] && (groups[k][part] ?? 0) > 0)
        .sort((a, b) => (groups[a][part] ?? 0) - (groups[b][part] ?? 0) || a.localeCompare(b))[0];
      if (next === undefined) continue;
      hidden.set(next, { ...hidden.get(next)!, [part]: true, value: true });
      changed = true;
    }
  }
  return Object.fromEntries(keys.map((k) => [k, apply(groups[k], hidden.get(k)!)]));
}

/** How a hidden cell is written in an export. */
export const SUPPRESSED_MARK = "suppressed";
