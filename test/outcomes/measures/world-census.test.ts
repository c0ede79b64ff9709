import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { addMonths, addYears, ageOn, isoOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import type { EpisodeRecord } from "../../../server/modules/outcomes/history/model.js";
import type { MeasureId } from "../../../server/modules/outcomes/measures/catalogue.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import { type GeneratedWorld, worldArbitrary } from "./worlds.js";

// The property tests are only as good as the worlds: check that the
// generators produce every edge case the rules turn on, and worlds in which
// every measure has something to count, often enough.

const edgeCases: Record<string, (w: GeneratedWorld) => boolean> = {
  "stay of exactly 7 days": (w) => episodes(w).some(({ e }) => e.exitDay !== NO_DAY && e.exitDay - e.removalDay === 7),
  "stay of exactly 8 days": (w) => episodes(w).some(({ e }) => e.exitDay !== NO_DAY && e.exitDay - e.removalDay === 8),
  "18th birthday in care": (w) =>
    episodes(w).some(
      ({ h, e }) => h.birthDay !== NO_DAY && e.removalDay < b18(h) && (e.exitDay === NO_DAY || e.exitDay > b18(h)),
    ),
  "18th birthday on a period boundary": (w) =>
    w.histories.some(
      (h) =>
        h.birthDay !== NO_DAY && w.periods.some((p) => b18(h) === p.start || b18(h) === p.end + 1 || b18(h) === p.end),
    ),
  "entering at 17": (w) =>
    episodes(w).some(({ h, e }) => h.birthDay !== NO_DAY && ageOn(h.birthDay, e.removalDay) === 17),
  "entering at 18": (w) => episodes(w).some(({ h, e }) => h.birthDay !== NO_DAY && e.removalDay >= b18(h)),
  "reunified from a THV of ≤ 30 days": (w) => thv(w, (days) => days <= 30),
  "reunified from a THV of > 30 days": (w) => thv(w, (days) => days > 30),
  "zero-length placement": (w) => episodes(w).some(({ e }) => e.placements.some((p) => p.endDay === p.startDay)),
  "gap before the first placement": (w) =>
    episodes(w).some(({ e }) => e.placements.length > 0 && e.placements[0].startDay > e.removalDay),
  "episode without placements": (w) => episodes(w).some(({ e }) => e.placements.length === 0),
  "re-entry the day after exit": (w) => reentries(w).some(([a, b]) => b.removalDay === a.exitDay + 1),
  "re-entry exactly 12 months later": (w) => reentries(w).some(([a, b]) => b.removalDay === addMonths(a.exitDay, 12)),
  "open episode": (w) => episodes(w).some(({ e }) => e.exitDay === NO_DAY),
  "exit on the 12-month anniversary": (w) => episodes(w).some(({ e }) => e.exitDay === addMonths(e.removalDay, 12)),
  "exit on a period's anniversary": (w) =>
    episodes(w).some(({ e }) => w.periods.some((p) => e.exitDay === addMonths(p.start, 12))),
  "reports within 1 day": (w) => reportPairs(w).some(([a, b]) => b.reportDay - a.reportDay <= 1),
  "reports exactly 14 days apart": (w) => reportPairs(w).some(([a, b]) => b.reportDay - a.reportDay === 14),
  "reports exactly 12 months apart": (w) => reportPairs(w).some(([a, b]) => b.reportDay === addMonths(a.reportDay, 12)),
  "same incident date": (w) =>
    reportPairs(w).some(([a, b]) => a.incidentDay !== NO_DAY && a.incidentDay === b.incidentDay),
  "incident before removal": (w) =>
    episodes(w).some(({ h, e }) =>
      h.reports.some((r) => r.reportDay >= e.removalDay && r.incidentDay !== NO_DAY && r.incidentDay < e.removalDay),
    ),
  "report before birth": (w) =>
    w.histories.some((h) => h.birthDay !== NO_DAY && h.reports.some((r) => r.reportDay < h.birthDay)),
  "missing birth date": (w) => w.histories.some((h) => h.birthDay === NO_DAY),
  "exit without a reason": (w) => episodes(w).some(({ e }) => e.exitDay !== NO_DAY && e.exitReason === 0),
  "born on 29 February": (w) => w.histories.some((h) => h.birthDay !== NO_DAY && isoOf(h.birthDay).endsWith("02-29")),
  "exit and re-entry in one AFCARS half-year": (w) => reentries(w).some(([a, b]) => b.removalDay - a.exitDay < 60),
  "placement of unknown setting (AFCARS)": (w) =>
    episodes(w).some(({ e }) => e.placements.some((p) => p.setting === 0)),
  "AFCARS entry whose unlisted moves all fall in a period": (w) =>
    unlistedMovesIn(w, (latest, windowEnd) => latest <= windowEnd),
  "AFCARS entry whose unlisted moves may fall after a period": (w) =>
    unlistedMovesIn(w, (latest, windowEnd) => latest > windowEnd),
  "AFCARS entry with NUMPLEP and no place listed": (w) =>
    episodes(w).some(
      ({ h, e }) =>
        h.birthDay !== NO_DAY &&
        (e.reportedPlacements ?? 0) > 1 &&
        placesListed(e) === 0 &&
        w.periods.some((p) => e.removalDay >= p.start && e.exitDay !== NO_DAY && e.exitDay <= p.end),
    ),
  "AFCARS entry with NUMPLEP no more than the places listed": (w) =>
    episodes(w).some(({ e }) => (e.reportedPlacements ?? 0) > 0 && (e.reportedPlacements ?? 0) <= placesListed(e)),
};

const measuresWithCases: MeasureId[] = [
  "maltreatment_in_care",
  "recurrence",
  "permanency_12m_entries",
  "permanency_12m_12_23",
  "permanency_12m_24_plus",
  "reentry_12m",
  "placement_stability",
  "unplanned_moves",
  "congregate_point_in_time",
  "first_placement_congregate",
  "siblings_all_together",
  "siblings_some_together",
  "reunification_12m",
  "home_retention_1y",
];

function b18(h: GeneratedWorld["histories"][number]): number {
  return addYears(h.birthDay, 18);
}
function episodes(w: GeneratedWorld) {
  return w.histories.flatMap((h) => h.episodes.map((e) => ({ h, e })));
}
function reentries(w: GeneratedWorld) {
  return w.histories.flatMap((h) => h.episodes.slice(1).map((b, i) => [h.episodes[i], b] as const));
}
function reportPairs(w: GeneratedWorld) {
  return w.histories.flatMap((h) => h.reports.slice(1).map((b, i) => [h.reports[i], b] as const));
}
function thv(w: GeneratedWorld, length: (days: number) => boolean): boolean {
  return episodes(w).some(({ e }) => {
    const last = e.placements[e.placements.length - 1];
    return (
      e.exitReason === 1 && last?.setting === 8 && last.endDay > last.startDay && length(e.exitDay - last.startDay)
    );
  });
}

function placesListed(e: EpisodeRecord): number {
  const places = e.placements.filter(
    (p) => (p.endDay === NO_DAY || p.endDay > p.startDay) && p.setting !== 7 && p.setting !== 8,
  );
  return places.filter((p, i) => i === 0 || !(p.homeKey >= 0 && p.homeKey === places[i - 1].homeKey)).length;
}
/**
 * An entry in a period, of a child with a birth date, with more places reported than listed, whose last listed
 * placement's start passes `test`.
 */
function unlistedMovesIn(w: GeneratedWorld, test: (latest: number, windowEnd: number) => boolean): boolean {
  return episodes(w).some(({ h, e }) => {
    if (
      h.birthDay === NO_DAY ||
      (e.reportedPlacements ?? 0) <= Math.max(1, placesListed(e)) ||
      e.placements.length === 0
    )
      return false;
    const end = Math.min(e.exitDay === NO_DAY ? Infinity : e.exitDay, b18(h));
    const latest = e.placements[e.placements.length - 1].startDay;
    return w.periods.some(
      (p) =>
        e.removalDay >= p.start &&
        e.removalDay <= p.end &&
        e.removalDay < b18(h) &&
        test(latest, Math.min(p.end, end - 1)),
    );
  });
}

describe("the generated worlds", () => {
  const worlds = fc.sample(worldArbitrary, { numRuns: 400, seed: 20_260_501 });

  it.each(Object.keys(edgeCases))("often contain: %s", (name) => {
    const share = worlds.filter(edgeCases[name]).length / worlds.length;
    expect(share).toBeGreaterThan(0.03);
  });

  const results = worlds.map((w) => computeMeasures(columnsFromHistories(w.histories, w.sites, w.homes), w.periods));

  it.each(measuresWithCases)("often give %s children (or homes) in the numerator and children outside it", (id) => {
    const share = (test: (numerator: number, denominator: number) => boolean) =>
      results.filter((r) => r.some((p) => test(p.total[id].numerator ?? 0, p.total[id].denominator))).length /
      worlds.length;
    expect(share((n) => n > 0)).toBeGreaterThan(0.05);
    expect(share((n, d) => n < d)).toBeGreaterThan(0.05);
  });
});
