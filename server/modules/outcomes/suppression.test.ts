import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MeasureUnit } from "./measures/catalogue.js";
import type { Tally } from "./measures/types.js";
import { isSmallCell, type ShownTally, showBreakdown, showTally } from "./suppression.js";

const units: MeasureUnit[] = ["percent", "per_1000_days", "per_100000_days", "days", "count"];

/** Tallies shaped as the engine makes them: numerator ≤ denominator for percents, null numerators for medians. */
const tallyOf = (unit: MeasureUnit) =>
  fc.integer({ min: 0, max: 400 }).chain((denominator) => {
    if (unit === "days")
      return fc.constant<Tally>({ numerator: null, denominator, value: denominator === 0 ? null : 100 + denominator });
    if (unit === "count") return fc.constant<Tally>({ numerator: denominator, denominator, value: denominator });
    // Nothing happens in no time: without days or children there are no moves or reports either.
    const maxNumerator = unit === "percent" || denominator === 0 ? denominator : 40;
    return fc.integer({ min: 0, max: maxNumerator }).map<Tally>((numerator) => ({
      numerator,
      denominator,
      value:
        denominator === 0
          ? null
          : unit === "percent"
            ? (100 * numerator) / denominator
            : (1000 * numerator) / denominator,
    }));
  });

const unitAndTally = fc.constantFrom(...units).chain((unit) => tallyOf(unit).map((tally) => ({ unit, tally })));
const unitAndGroups = fc
  .constantFrom(...units)
  .chain((unit) =>
    fc
      .dictionary(fc.constantFrom("under_1", "1_5", "6_10", "11_16", "17", "unknown"), tallyOf(unit), { minKeys: 1 })
      .map((groups) => ({ unit, groups })),
  );

/** Nothing shown reveals a count of 1 to 10. */
function revealsSmallCell(shown: ShownTally, unit: MeasureUnit): boolean {
  if (isSmallCell(shown.numerator) || isSmallCell(shown.denominator)) return true;
  if (unit === "count" && isSmallCell(shown.value)) return true;
  if (
    unit === "percent" &&
    shown.numerator !== null &&
    shown.denominator !== null &&
    isSmallCell(shown.denominator - shown.numerator)
  )
    return true;
  return false;
}

describe("small-cell suppression", () => {
  it("shows the site's own staff every figure exactly", () => {
    fc.assert(
      fc.property(unitAndTally, ({ unit, tally }) => {
        const shown = showTally(tally, unit, true);
        expect(shown).toEqual({ ...tally, suppressed: { numerator: false, denominator: false, value: false } });
      }),
    );
  });

  it("never shows a count of 1–10, a percentage built on one, or a small complement to anyone else", () => {
    fc.assert(
      fc.property(unitAndTally, ({ unit, tally }) => {
        const shown = showTally(tally, unit, false);
        expect(revealsSmallCell(shown, unit)).toBe(false);
        // A value is hidden whenever a count behind it is.
        if (shown.suppressed.numerator || shown.suppressed.denominator) expect(shown.suppressed.value).toBe(true);
      }),
    );
  });

  it("only hides: every shown figure is the exact one, and zeros are shown", () => {
    fc.assert(
      fc.property(unitAndTally, ({ unit, tally }) => {
        const shown = showTally(tally, unit, false);
        for (const part of ["numerator", "denominator", "value"] as const) {
          if (shown.suppressed[part]) expect(shown[part]).toBeNull();
          else expect(shown[part]).toBe(tally[part]);
        }
        if (tally.denominator === 0)
          expect(shown.suppressed).toEqual({ numerator: false, denominator: false, value: false });
      }),
    );
  });

  it("hides the complement of a percentage: 95 of 100 reveals the 5 others", () => {
    const shown = showTally({ numerator: 95, denominator: 100, value: 95 }, "percent", false);
    expect(shown).toEqual({
      numerator: null,
      denominator: 100,
      value: null,
      suppressed: { numerator: true, denominator: false, value: true },
    });
    expect(showTally({ numerator: 40, denominator: 100, value: 40 }, "percent", false).suppressed.value).toBe(false);
    expect(showTally({ numerator: 0, denominator: 100, value: 0 }, "percent", false).value).toBe(0);
    expect(showTally({ numerator: 100, denominator: 100, value: 100 }, "percent", false).value).toBe(100);
  });

  it("in a breakdown, never leaves one hidden count that the others and the total would give away", () => {
    fc.assert(
      fc.property(unitAndGroups, ({ unit, groups }) => {
        const shown = showBreakdown(groups, unit, false);
        for (const [key, cell] of Object.entries(shown)) {
          expect(revealsSmallCell(cell, unit)).toBe(false);
          for (const part of ["numerator", "denominator", "value"] as const) {
            if (!cell.suppressed[part]) expect(cell[part]).toBe(groups[key][part]);
          }
        }
        for (const part of ["numerator", "denominator"] as const) {
          const hidden = Object.keys(shown).filter((k) => shown[k].suppressed[part]);
          const shownPositive = Object.keys(shown).filter(
            (k) => !shown[k].suppressed[part] && (groups[k][part] ?? 0) > 0,
          );
          // Hidden alone only when nothing else could be hidden with it.
          if (hidden.length === 1) expect(shownPositive).toEqual([]);
        }
      }),
    );
  });

  it("hides the next smallest group with a lone small one", () => {
    const shown = showBreakdown(
      {
        female: { numerator: 20, denominator: 60, value: 33.3 },
        male: { numerator: 14, denominator: 35, value: 40 },
        unknown: { numerator: 2, denominator: 4, value: 50 },
      },
      "percent",
      false,
    );
    expect(shown.unknown.suppressed).toEqual({ numerator: true, denominator: true, value: true });
    expect(shown.male.suppressed).toEqual({ numerator: true, denominator: true, value: true });
    expect(shown.female).toEqual({
      numerator: 20,
      denominator: 60,
      value: 33.3,
      suppressed: { numerator: false, denominator: false, value: false },
    });
  });
});
