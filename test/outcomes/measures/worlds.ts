/**
 * Random small worlds for the engine-vs-reference property tests: a few to
 * 30 children over 1–3 sites, with siblings, homes and maltreatment reports,
 * and 2–3 periods. The choices lean on the edge cases the data dictionary's
 * rules turn on (stays of 7/8 days, 18th birthdays on period boundaries,
 * Feb-29 births, trial home visits of 30/31 days, re-entry the next day or
 * exactly 12 months later, reports 1 or 14 days apart, same incident dates…).
 *
 * Half the worlds also have a few children from legacy AFCARS files
 * (afcarsChild): placements missing, settings unknown (0), NUMPLEP kept per
 * episode.
 *
 * Every world is one the database and the importers accept
 * (docs/outcomes-csv-bundle.md; migrations 0003 constraints): episodes sorted
 * and apart (the next removal after the previous exit), exit ≥ removal, only the
 * last episode open; placements sorted inside their episode, each ending where
 * the next starts (AFCARS ones may leave days between), ending by the exit
 * (the last of an open episode may be open); reports sorted by report day;
 * home closures after approval.
 */
import fc from "fast-check";
import { addMonths, addYears, dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import type {
  ChildHistory,
  EpisodeRecord,
  HomeRecord,
  MaltreatmentReportRecord,
  PlacementRecord,
} from "../../../server/modules/outcomes/history/model.js";
import type { MeasureOptions, Period } from "../../../server/modules/outcomes/measures/types.js";
import type { World } from "./reference.js";

type Gen = fc.GeneratorValue;

export const PERIOD_STARTS = ["2019-10-01", "2020-04-01", "2020-10-01", "2021-04-01", "2021-10-01"].map(dayOf);

export interface GeneratedWorld extends World {
  periods: Period[];
}

const int = (g: Gen, min: number, max: number): number => g(fc.integer, { min, max });
const pick = <T>(g: Gen, items: readonly T[]): T => items[int(g, 0, items.length - 1)];
const chance = (g: Gen, percent: number): boolean => int(g, 0, 99) < percent;

function periodOf(start: number): Period {
  return { start, end: addMonths(start, 12) - 1 };
}

function birthDay(g: Gen): number {
  switch (int(g, 0, 9)) {
    case 0:
      return NO_DAY;
    case 1:
      return dayOf(
        pick(g, ["2000-02-29", "2004-02-29", "2008-02-29", "2016-02-29", "2020-02-29", "2003-02-28", "2003-03-01"]),
      );
    case 2:
    case 3: // the 18th birthday on, or a day off, a period's first or last day
      return addYears(pick(g, PERIOD_STARTS) + pick(g, [-1, 0, 1]), -18);
    case 4:
    case 5: // turns 18 while the periods run
      return int(g, dayOf("2001-01-01"), dayOf("2005-12-31"));
    default:
      return int(g, dayOf("2005-01-01"), dayOf("2022-06-30"));
  }
}

function firstRemoval(g: Gen, birth: number): number {
  let day: number;
  const kind = int(g, 0, 5);
  if (kind <= 1) day = int(g, dayOf("2017-06-01"), dayOf("2022-12-31"));
  else if (kind === 2 && birth !== NO_DAY)
    day = addYears(birth, 18) - pick(g, [1, 7, 8, 30, 200, 365, 366, 500]); // entering at 17
  else if (kind === 3 && birth !== NO_DAY)
    day = addYears(birth, 18) + pick(g, [0, 1]); // entering at 18
  else if (kind === 4)
    day = pick(g, PERIOD_STARTS) - int(g, 300, 1300); // in care 12–23 or 24+ months by day 1
  else day = pick(g, PERIOD_STARTS) + pick(g, [-731, -730, -400, -366, -365, -30, -8, -7, -1, 0, 1, 100, 364]);
  return birth === NO_DAY ? day : Math.max(day, birth);
}

function stayLength(g: Gen, removal: number): number {
  switch (int(g, 0, 5)) {
    case 0:
      return pick(g, [0, 1, 6, 7, 8, 9, 29, 30, 31, 100, 364, 365, 366]);
    case 1: // exactly 12 months, or a day off
      return addMonths(removal, 12) - removal + pick(g, [-1, 0, 1]);
    case 2: {
      // exit on a period boundary or on its 12-month anniversary
      const start = pick(g, PERIOD_STARTS);
      const exit = pick(g, [start - 1, start, start + 1, addMonths(start, 12) - 1, addMonths(start, 12)]);
      return exit >= removal ? exit - removal : int(g, 0, 400);
    }
    case 3:
      return int(g, 365, 1500);
    default:
      return int(g, 0, 1000);
  }
}

function reentryGap(g: Gen, exit: number): number {
  switch (int(g, 0, 3)) {
    case 0:
      return pick(g, [1, 2, 14, 30, 60, 180]);
    case 1:
      return addMonths(exit, 12) - exit + pick(g, [-1, 0, 1]);
    default:
      return int(g, 1, 900);
  }
}

function placement(
  g: Gen,
  startDay: number,
  endDay: number,
  first: boolean,
  last: boolean,
  reason: number,
  previousHome: number,
): PlacementRecord {
  const setting = last && reason === 1 && chance(g, 50) ? 8 : pick(g, [1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 8]);
  const homeKey = previousHome >= 0 && chance(g, 20) ? previousHome : pick(g, [-1, 0, 1, 2, 3, 4, 5]);
  const changeKind = first ? pick(g, [0, 0, 9]) : pick(g, [1, 2, 3, 9]);
  return { startDay, endDay, setting, changeKind, homeKey };
}

function placements(
  g: Gen,
  removal: number,
  exit: number,
  reason: number,
  count = pick(g, [0, 1, 1, 2, 2, 3, 4]),
): PlacementRecord[] {
  if (count === 0) return [];
  const spans: [number, number][] = [];
  if (exit !== NO_DAY) {
    // built back from the exit (or from a gap before it), so the last placement's length is chosen
    let cursor = chance(g, 10) ? exit - int(g, 0, exit - removal) : exit;
    for (let i = count - 1; i >= 0; i--) {
      const length =
        i === count - 1
          ? pick(g, [0, 1, 29, 30, 31, 32, 60, int(g, 0, 400)])
          : pick(g, [0, 0, 1, 7, 30, int(g, 0, 300)]);
      const start = Math.max(removal, cursor - length);
      spans.unshift([start, cursor]);
      cursor = start;
    }
    if (chance(g, 80)) spans[0][0] = removal;
  } else {
    let cursor = removal + (chance(g, 15) ? int(g, 1, 10) : 0);
    for (let i = 0; i < count; i++) {
      const last = i === count - 1;
      const length = pick(g, [0, 1, 7, 30, 31, int(g, 0, 400)]);
      spans.push([cursor, last && chance(g, 85) ? NO_DAY : cursor + length]);
      cursor += length;
    }
  }
  const list: PlacementRecord[] = [];
  spans.forEach(([start, end], i) =>
    list.push(placement(g, start, end, i === 0, i === count - 1, reason, i > 0 ? list[i - 1].homeKey : -1)),
  );
  return list;
}

/** The places W1 sees in a list of placements: lived, not a visit or a run, not the same known home again. */
function placesIn(list: PlacementRecord[]): number {
  const places = list.filter(
    (p) => (p.endDay === NO_DAY || p.endDay > p.startDay) && p.setting !== 7 && p.setting !== 8,
  );
  return places.filter((p, i) => i === 0 || !(p.homeKey >= 0 && p.homeKey === places[i - 1].homeKey)).length;
}

/**
 * An episode as the legacy AFCARS import writes it (import/afcars-import.ts):
 * the files saw only some of the placements — the last (current) one
 * unless no record had one — with no home and no change kind; an unseen one
 * before the first seen is sometimes a placement of unknown setting (0) from
 * the removal; the episode keeps NUMPLEP, the places it had. NUMPLEP is
 * mostly the truth, sometimes more (places no file saw at all) or less (bad
 * data), sometimes missing.
 */
function afcarsEpisode(g: Gen, episode: EpisodeRecord): EpisodeRecord {
  const truth = episode.placements;
  const noneSeen = chance(g, 15); // no file had a current placement (CURPLSET or CURSETDT blank)
  const seen = truth
    .filter((_, i) => !noneSeen && (i === truth.length - 1 || chance(g, 30)))
    .map((p) => ({ ...p, homeKey: -1, changeKind: 9 }));
  const firstSeen = seen[0];
  if (firstSeen && firstSeen.startDay > episode.removalDay && chance(g, 50)) {
    seen.unshift({ startDay: episode.removalDay, endDay: firstSeen.startDay, setting: 0, changeKind: 9, homeKey: -1 });
  } else if (firstSeen && chance(g, 20)) {
    firstSeen.setting = 0;
  }
  const reported = chance(g, 10)
    ? 0
    : Math.max(0, Math.min(99, placesIn(truth) + pick(g, [0, 0, 0, 1, 1, 2, 3, 5, -1])));
  return { ...episode, placements: seen, reportedPlacements: reported };
}

function episodes(g: Gen, birth: number, fromAfcars: boolean): EpisodeRecord[] {
  const count = pick(g, [0, 1, 1, 1, 2, 2, 3]);
  const list: EpisodeRecord[] = [];
  let removal = firstRemoval(g, birth);
  // AFCARS children mostly enter during the periods, with more places than files see: W1's NUMPLEP cases.
  if (fromAfcars && chance(g, 60)) removal = Math.max(birth, pick(g, PERIOD_STARTS) + int(g, 0, 364));
  for (let i = 0; i < count && removal <= dayOf("2023-12-31"); i++) {
    const open = i === count - 1 && chance(g, 30);
    const exitDay = open ? NO_DAY : removal + stayLength(g, removal);
    const exitReason = open ? 0 : pick(g, [1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 0, 0]);
    if (!fromAfcars) {
      list.push({ removalDay: removal, exitDay, exitReason, placements: placements(g, removal, exitDay, exitReason) });
    } else {
      const truth = placements(g, removal, exitDay, exitReason, pick(g, [0, 1, 2, 3, 4, 5, 6]));
      list.push(afcarsEpisode(g, { removalDay: removal, exitDay, exitReason, placements: truth }));
    }
    if (open) break;
    removal = exitDay + reentryGap(g, exitDay);
  }
  return list;
}

function reports(g: Gen, birth: number, episodeList: EpisodeRecord[]): MaltreatmentReportRecord[] {
  const count = pick(g, [0, 0, 0, 1, 2, 3, 4]);
  const list: MaltreatmentReportRecord[] = [];
  for (let i = 0; i < count; i++) {
    const previous = list[list.length - 1];
    const episode = episodeList.length > 0 ? pick(g, episodeList) : undefined;
    let reportDay: number;
    if (previous && chance(g, 50)) {
      reportDay = chance(g, 75)
        ? previous.reportDay + pick(g, [0, 1, 2, 13, 14, 15, 16, 100])
        : addMonths(previous.reportDay, 12) + pick(g, [-1, 0, 1]);
    } else if (episode && chance(g, 70)) {
      reportDay = episode.removalDay + pick(g, [-5, 0, 3, 6, 7, 8, 20, 45, 90, 200]);
    } else if (birth !== NO_DAY && chance(g, 10)) {
      reportDay = birth - int(g, 1, 100); // unborn
    } else {
      reportDay = int(g, dayOf("2018-01-01"), dayOf("2023-06-30"));
    }
    let incidentDay = NO_DAY;
    const incident = int(g, 0, 9);
    if (incident <= 2 && previous) incidentDay = previous.incidentDay;
    else if (incident <= 5) incidentDay = reportDay - int(g, 0, 10);
    else if (incident === 6 && episode) incidentDay = episode.removalDay - int(g, 1, 30);
    else if (incident === 7 && episode && episode.exitDay !== NO_DAY) incidentDay = episode.exitDay + int(g, 0, 5);
    else if (incident === 8 && episode) incidentDay = episode.removalDay + pick(g, [0, 3, 6, 7]);
    list.push({ reportDay, incidentDay, substantiated: chance(g, 75) });
  }
  return list.sort((a, b) => a.reportDay - b.reportDay);
}

function homes(g: Gen, siteCount: number): HomeRecord[] {
  const count = int(g, 0, 10);
  const list: HomeRecord[] = [];
  for (let key = 0; key < count; key++) {
    let approvedDay = NO_DAY;
    if (chance(g, 85))
      approvedDay = chance(g, 50)
        ? int(g, dayOf("2018-06-01"), dayOf("2022-09-30"))
        : addMonths(pick(g, PERIOD_STARTS), -12) + pick(g, [-1, 0, 1]);
    const inquiryDay = chance(g, 30) || approvedDay === NO_DAY ? NO_DAY : approvedDay - int(g, -3, 400);
    let closedDay = NO_DAY;
    if (approvedDay !== NO_DAY && chance(g, 50))
      closedDay = chance(g, 40) ? addMonths(approvedDay, 12) + pick(g, [-1, 0, 1]) : approvedDay + int(g, 0, 900);
    list.push({
      key,
      site: int(g, 0, siteCount - 1),
      inquiryDay,
      approvedDay,
      closedDay,
      closureReason: closedDay === NO_DAY ? 0 : int(g, 1, 7),
      kin: chance(g, 30),
    });
  }
  return list;
}

function child(g: Gen, key: number, siteCount: number, earlier: ChildHistory[]): ChildHistory {
  const sibling = earlier.length > 0 && chance(g, 35) ? pick(g, earlier) : undefined;
  if (sibling) return brotherOrSister(g, key, siteCount, sibling);
  const birth = birthDay(g);
  const episodeList = episodes(g, birth, false);
  return {
    key,
    birthDay: birth,
    sex: int(g, 0, 2),
    race: int(g, 0, 7),
    site: int(g, 0, siteCount - 1),
    siblingGroup: pick(g, [-1, -1, 0, 1, 2, 3]),
    episodes: episodeList,
    reports: reports(g, birth, episodeList),
  };
}

/**
 * A child of a legacy AFCARS file: its episodes as the import writes them; no sibling group, no reports (NCANDS is
 * another file).
 */
function afcarsChild(g: Gen, key: number, siteCount: number): ChildHistory {
  const birth = chance(g, 60) ? int(g, dayOf("2004-01-01"), dayOf("2021-06-30")) : birthDay(g);
  return {
    key,
    birthDay: birth,
    sex: int(g, 0, 2),
    race: int(g, 0, 7),
    site: int(g, 0, siteCount - 1),
    siblingGroup: -1,
    episodes: episodes(g, birth, true),
    reports: [],
  };
}

/** Siblings are mostly removed together: the same episodes, often the same homes. */
function brotherOrSister(g: Gen, key: number, siteCount: number, sibling: ChildHistory): ChildHistory {
  const birth = sibling.birthDay === NO_DAY ? NO_DAY : sibling.birthDay - int(g, 0, 1500);
  const samePlacements = chance(g, 50);
  const episodeList = sibling.episodes.map((e) => ({
    ...e,
    placements: samePlacements
      ? e.placements.map((p, i) => ({ ...p, homeKey: p.homeKey < 0 && chance(g, 70) ? 10 + i : p.homeKey }))
      : placements(g, e.removalDay, e.exitDay, e.exitReason),
  }));
  return {
    key,
    birthDay: birth,
    sex: int(g, 0, 2),
    race: sibling.race,
    site: chance(g, 80) ? sibling.site : int(g, 0, siteCount - 1),
    siblingGroup: sibling.siblingGroup >= 0 ? sibling.siblingGroup : pick(g, [0, 1, 2, 3]),
    episodes: episodeList,
    reports: reports(g, birth, episodeList),
  };
}

/** Some days the world's events fall on: periods starting there hit their boundaries. */
function eventDays(histories: ChildHistory[]): number[] {
  const days: number[] = [];
  for (const h of histories) {
    if (h.birthDay !== NO_DAY) days.push(addYears(h.birthDay, 18));
    for (const e of h.episodes) days.push(e.removalDay, e.exitDay === NO_DAY ? e.removalDay : e.exitDay + 1);
  }
  return days;
}

export const worldArbitrary: fc.Arbitrary<GeneratedWorld> = fc.gen().map((g) => {
  const siteCount = int(g, 1, 3);
  const histories: ChildHistory[] = [];
  const childCount = int(g, 1, 30);
  for (let key = 0; key < childCount; key++) histories.push(child(g, key, siteCount, histories));
  // Half the worlds also hold children imported from AFCARS files (added, so the others' cases stay as common).
  const afcarsCount = chance(g, 50) ? int(g, 1, 8) : 0;
  for (let key = childCount; key < childCount + afcarsCount; key++) histories.push(afcarsChild(g, key, siteCount));
  const starts = [pick(g, PERIOD_STARTS), pick(g, PERIOD_STARTS)];
  const events = eventDays(histories);
  if (chance(g, 60) && events.length > 0) starts.push(pick(g, events));
  return {
    histories,
    sites: Array.from({ length: siteCount }, (_, s) => `SITE-${s}`),
    homes: homes(g, siteCount),
    periods: starts.map(periodOf),
  };
});

export const optionsArbitrary: fc.Arbitrary<MeasureOptions> = fc.record({
  permanencyAnniversaryCounts: fc.boolean(),
  reentryExits: fc.constantFrom("first" as const, "each" as const),
  recurrenceWindowInclusive: fc.boolean(),
  afcarsSnapshotEmulation: fc.boolean(),
  reentryAnniversaryCounts: fc.boolean(),
  recurrenceAnniversaryCounts: fc.boolean(),
  periodEndDay: fc.constantFrom("counted" as const, "not_counted" as const, "cb_syntax" as const),
  shortEpisodeSeenAt: fc.constantFrom("period_end" as const, "latest_data" as const),
  monthsInCare: fc.constantFrom("calendar" as const, "average" as const),
  duplicateReportsAgainst: fc.constantFrom("any_prior" as const, "counted_prior" as const),
  incidentInFirstWeekExcluded: fc.boolean(),
  homesIncludeKin: fc.boolean(),
});
