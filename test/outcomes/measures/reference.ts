/**
 * A deliberately plain second implementation of every outcome measure, to
 * check the engine against. It reads the per-child histories (model.ts) one
 * child at a time, counts days one by one, and uses days.ts date functions;
 * it shares nothing with server/modules/outcomes/measures except the contract
 * types. Written from the CFSR Round 4 data dictionary (DD) and the readings
 * the team chose (the engine's options.ts); the rules, in short:
 *
 * - 18th birthday = addYears(birth, 18). Care ends at the exit or then. A day
 *   d is in care when removal ≤ d < end of care. No birth date: left out of
 *   the CFSR indicators, no age limit in the QPI measures.
 * - Lived placements: open, or ending after they start. Zero-length ones are ignored.
 * - "Within 12 months of D": before addMonths(D, 12), or on it with the option.
 */
import type { ChildHistory, EpisodeRecord, HomeRecord, PlacementRecord } from "../../../server/modules/outcomes/history/model.js";
import { addMonths, addYears, ageOn, isoOf, NO_DAY, wholeMonths } from "../../../server/modules/outcomes/history/days.js";
import { exitReasonNames, homeClosureNames, raceNames, sexNames } from "../../../server/modules/outcomes/history/codes.js";
import type { MeasureId } from "../../../server/modules/outcomes/measures/catalogue.js";
import type { MeasureOptions, MeasureResult, Period, PeriodResults, Tally } from "../../../server/modules/outcomes/measures/types.js";

export interface World {
  histories: ChildHistory[];
  sites: string[];
  homes: HomeRecord[];
}

type Kind = "ratio" | "count" | "median";
const MEASURES: { id: MeasureId; kind: Kind; scale: number; homes?: boolean }[] = [
  { id: "maltreatment_in_care", kind: "ratio", scale: 100_000 },
  { id: "recurrence", kind: "ratio", scale: 100 },
  { id: "permanency_12m_entries", kind: "ratio", scale: 100 },
  { id: "permanency_12m_12_23", kind: "ratio", scale: 100 },
  { id: "permanency_12m_24_plus", kind: "ratio", scale: 100 },
  { id: "reentry_12m", kind: "ratio", scale: 100 },
  { id: "placement_stability", kind: "ratio", scale: 1000 },
  { id: "unplanned_moves", kind: "ratio", scale: 1000 },
  { id: "congregate_point_in_time", kind: "ratio", scale: 100 },
  { id: "congregate_days", kind: "ratio", scale: 100 },
  { id: "first_placement_congregate", kind: "ratio", scale: 100 },
  { id: "siblings_all_together", kind: "ratio", scale: 100 },
  { id: "siblings_some_together", kind: "ratio", scale: 100 },
  { id: "reunification_12m", kind: "ratio", scale: 100 },
  { id: "median_length_of_stay", kind: "median", scale: 1 },
  { id: "entries", kind: "count", scale: 1 },
  { id: "exits", kind: "count", scale: 1 },
  { id: "in_care_end", kind: "count", scale: 1 },
  { id: "homes_approved", kind: "count", scale: 1, homes: true },
  { id: "homes_closed", kind: "count", scale: 1, homes: true },
  { id: "home_retention_1y", kind: "ratio", scale: 100, homes: true },
  { id: "time_to_approval", kind: "median", scale: 1, homes: true },
];
const AGE_KEYS = ["under_1", "1_5", "6_10", "11_16", "17", "unknown"];

/** One thing a child (or home) adds to one measure. */
interface Entry {
  measure: MeasureId;
  age: string;
  race: string;
  sex: string;
  site: number;
  numerator: number;
  denominator: number;
  /** For medians. */
  value?: number;
  reason?: string;
}

// ---------------------------------------------------------------- dates

function birthday18(child: ChildHistory): number {
  return child.birthDay === NO_DAY ? Infinity : addYears(child.birthDay, 18);
}

function careEnd(child: ChildHistory, episode: EpisodeRecord): number {
  const exit = episode.exitDay === NO_DAY ? Infinity : episode.exitDay;
  return Math.min(exit, birthday18(child));
}

function inCareOn(child: ChildHistory, episode: EpisodeRecord, day: number): boolean {
  return episode.removalDay <= day && day < careEnd(child, episode);
}

function ageGroup(child: ChildHistory, day: number): string {
  if (child.birthDay === NO_DAY) return "unknown";
  const age = ageOn(child.birthDay, day);
  if (age < 1) return "under_1";
  if (age <= 5) return "1_5";
  if (age <= 10) return "6_10";
  if (age <= 16) return "11_16";
  return "17";
}

function within12Months(day: number, from: number, anniversaryCounts: boolean): boolean {
  const anniversary = addMonths(from, 12);
  return day < anniversary || (anniversaryCounts && day === anniversary);
}

/** "20A" = Oct 2019 – Mar 2020, "20B" = Apr – Sep 2020. */
function afcarsReportPeriod(day: number): string {
  const [year, month] = isoOf(day).split("-").map(Number);
  if (month >= 10) return `${year + 1}A`;
  return month <= 3 ? `${year}A` : `${year}B`;
}

function exitHiddenBySnapshot(child: ChildHistory, index: number): boolean {
  const episode = child.episodes[index];
  const next = child.episodes[index + 1];
  return episode.exitDay !== NO_DAY && next !== undefined && afcarsReportPeriod(next.removalDay) === afcarsReportPeriod(episode.exitDay);
}

const livedCache = new WeakMap<EpisodeRecord, PlacementRecord[]>();

function lived(episode: EpisodeRecord): PlacementRecord[] {
  let places = livedCache.get(episode);
  if (!places) {
    places = episode.placements.filter((p) => p.endDay === NO_DAY || p.endDay > p.startDay);
    livedCache.set(episode, places);
  }
  return places;
}

function placementOn(episode: EpisodeRecord, day: number): PlacementRecord | undefined {
  return lived(episode).find((p) => p.startDay <= day && (p.endDay === NO_DAY || day < p.endDay));
}

function isCongregate(setting: number): boolean {
  return setting === 4 || setting === 5;
}

function permanencyExit(child: ChildHistory, episode: EpisodeRecord): boolean {
  return episode.exitDay !== NO_DAY && episode.exitDay < birthday18(child) && [1, 2, 3, 5].includes(episode.exitReason);
}

function noDischargeReason(child: ChildHistory, episode: EpisodeRecord): boolean {
  return episode.exitDay !== NO_DAY && episode.exitDay < birthday18(child) && episode.exitReason === 0;
}

function lastCountedDay(period: Period, episode: EpisodeRecord, end: number, options: MeasureOptions): number {
  const wholePeriod = episode.removalDay < period.start && end > period.end;
  if (options.periodEndDay === "counted" || (options.periodEndDay === "cb_syntax" && wholePeriod)) return period.end;
  return period.end - 1;
}

function isShort(period: Period, episode: EpisodeRecord, end: number, options: MeasureOptions): boolean {
  const complete = options.shortEpisodeSeenAt === "period_end" ? end <= period.end : end !== Infinity;
  return complete && end - episode.removalDay < 8;
}

// ---------------------------------------------------------------- the measures of one child

function childEntries(child: ChildHistory, period: Period, options: MeasureOptions): Entry[] {
  const out: Entry[] = [];
  const add = (measure: MeasureId, age: string, numerator: number, denominator: number, extra: Partial<Entry> = {}) =>
    out.push({ measure, age, race: raceNames[child.race] ?? "unknown", sex: sexNames[child.sex] ?? "unknown", site: child.site, numerator, denominator, ...extra });
  const b18 = birthday18(child);
  const known = child.birthDay !== NO_DAY;
  const episodes = child.episodes.filter((e) => e.removalDay < b18);

  // entries, exits, in care at the end, length of stay
  for (const e of episodes) {
    const end = careEnd(child, e);
    if (e.removalDay >= period.start && e.removalDay <= period.end) add("entries", ageGroup(child, e.removalDay), 0, 1);
    if (end >= period.start && end <= period.end) {
      let reason = "aged_out";
      if (e.exitDay !== NO_DAY && e.exitDay < b18) reason = e.exitReason === 0 ? "not_recorded" : exitReasonNames[e.exitReason - 1];
      add("exits", ageGroup(child, end), 0, 1, { reason });
      add("median_length_of_stay", ageGroup(child, end), 0, 1, { value: end - e.removalDay });
    }
    if (inCareOn(child, e, period.end)) add("in_care_end", ageGroup(child, period.end), 0, 1);
  }

  // congregate care
  let daysAge: string | null = null;
  for (const e of episodes) {
    if (e.removalDay >= period.start && e.removalDay <= period.end) {
      const first = lived(e)[0];
      if (first) add("first_placement_congregate", ageGroup(child, e.removalDay), isCongregate(first.setting) ? 1 : 0, 1);
    }
    const from = Math.max(e.removalDay, period.start);
    if (!(from < careEnd(child, e)) || e.removalDay > period.end) continue;
    daysAge ??= ageGroup(child, from);
    let placed = 0;
    let congregate = 0;
    for (let d = from; d <= period.end && inCareOn(child, e, d); d++) {
      const p = placementOn(e, d);
      if (!p) continue;
      placed++;
      if (isCongregate(p.setting)) congregate++;
    }
    if (placed > 0) add("congregate_days", daysAge, congregate, placed);
    if (inCareOn(child, e, period.end)) {
      const p = placementOn(e, period.end);
      if (p) add("congregate_point_in_time", ageGroup(child, period.end), isCongregate(p.setting) ? 1 : 0, 1);
    }
  }

  if (!known) return out; // the CFSR indicators leave out children without a birth date

  // S1
  let s1Age: string | null = null;
  let lastCounted: number | null = null;
  const substantiated = child.reports.filter((r) => r.substantiated);
  for (const e of episodes) {
    const end = careEnd(child, e);
    const from = Math.max(e.removalDay, period.start);
    if (e.removalDay > period.end || !(from < end)) continue;
    if (isShort(period, e, end, options)) continue;
    s1Age ??= ageGroup(child, from);
    let days = 0;
    const lastDay = lastCountedDay(period, e, end, options);
    for (let d = from; d <= lastDay && d < end; d++) days++;
    let victimizations = 0;
    substantiated.forEach((report, i) => {
      const day = report.reportDay;
      if (day < period.start || day > period.end || !inCareOn(child, e, day)) return;
      if (day < e.removalDay + 7) return;
      if (report.incidentDay !== NO_DAY) {
        const earliest = options.incidentInFirstWeekExcluded ? e.removalDay + 7 : e.removalDay;
        if (report.incidentDay < earliest || report.incidentDay >= end) return;
      }
      const prior = options.duplicateReportsAgainst === "any_prior" ? (i > 0 ? substantiated[i - 1].reportDay : null) : lastCounted;
      if (prior !== null && day - prior <= 1) return;
      lastCounted = day;
      victimizations++;
    });
    if (days > 0 || victimizations > 0) add("maltreatment_in_care", s1Age, victimizations, days);
  }

  // S2
  const victimReports = substantiated.filter((r) => r.reportDay >= child.birthDay && r.reportDay < b18);
  const initial = victimReports.find((r) => r.reportDay >= period.start && r.reportDay <= period.end);
  if (initial) {
    const recurred = victimReports.some((r) => {
      if (r === initial) return false;
      const gap = r.reportDay - initial.reportDay;
      if (options.recurrenceWindowInclusive ? gap <= 14 : gap < 14) return false;
      if (!within12Months(r.reportDay, initial.reportDay, options.recurrenceAnniversaryCounts)) return false;
      return !(r.incidentDay !== NO_DAY && initial.incidentDay !== NO_DAY && r.incidentDay === initial.incidentDay);
    });
    add("recurrence", ageGroup(child, initial.reportDay), recurred ? 1 : 0, 1);
  }

  // P1 and reunification in 12 months
  const entryIndex = child.episodes.findIndex((e) => e.removalDay >= period.start && e.removalDay <= period.end);
  if (entryIndex >= 0) {
    const e = child.episodes[entryIndex];
    const end = careEnd(child, e);
    const excluded =
      e.removalDay >= b18 ||
      (end !== Infinity && end - e.removalDay < 8) ||
      noDischargeReason(child, e) ||
      (options.afcarsSnapshotEmulation && exitHiddenBySnapshot(child, entryIndex));
    if (!excluded) {
      let permanent = false;
      let reunified = false;
      if (permanencyExit(child, e)) {
        let exit = e.exitDay;
        if (e.exitReason === 1) {
          const places = lived(e);
          let i = places.length - 1;
          while (i >= 0 && places[i].setting === 8) i--;
          if (i < places.length - 1) {
            const visitStart = places[i + 1].startDay;
            if (exit - visitStart > 30) exit = visitStart + 30;
          }
        }
        permanent = within12Months(exit, e.removalDay, options.permanencyAnniversaryCounts);
        reunified = permanent && e.exitReason === 1;
      }
      add("permanency_12m_entries", ageGroup(child, e.removalDay), permanent ? 1 : 0, 1);
      add("reunification_12m", ageGroup(child, e.removalDay), reunified ? 1 : 0, 1);
    }
  }

  // P2 and P3
  const firstDayIndex = child.episodes.findIndex((e) => inCareOn(child, e, period.start));
  if (firstDayIndex >= 0) {
    const e = child.episodes[firstDayIndex];
    const months = options.monthsInCare === "calendar" ? wholeMonths(e.removalDay, period.start) : (period.start - e.removalDay) / 30.4375;
    const excluded = noDischargeReason(child, e) || (options.afcarsSnapshotEmulation && exitHiddenBySnapshot(child, firstDayIndex));
    if (months >= 12 && !excluded) {
      const exited = permanencyExit(child, e) && within12Months(e.exitDay, period.start, options.permanencyAnniversaryCounts);
      add(months < 24 ? "permanency_12m_12_23" : "permanency_12m_24_plus", ageGroup(child, period.start), exited ? 1 : 0, 1);
    }
  }

  // P4
  for (let i = 0; i < child.episodes.length; i++) {
    const e = child.episodes[i];
    if (e.exitDay === NO_DAY || e.exitDay < period.start || e.exitDay > period.end || e.exitDay >= b18) continue;
    if (![1, 2, 5].includes(e.exitReason)) continue;
    if (options.afcarsSnapshotEmulation && exitHiddenBySnapshot(child, i)) continue;
    const next = child.episodes[i + 1];
    const reentered = next !== undefined && next.removalDay < b18 && within12Months(next.removalDay, e.exitDay, options.reentryAnniversaryCounts);
    add("reentry_12m", ageGroup(child, e.exitDay), reentered ? 1 : 0, 1);
    if (options.reentryExits === "first") break;
  }

  // W1 and unplanned moves
  let w1Age: string | null = null;
  for (const e of episodes) {
    if (e.removalDay < period.start || e.removalDay > period.end) continue;
    const end = careEnd(child, e);
    if (isShort(period, e, end, options)) continue;
    w1Age ??= ageGroup(child, e.removalDay);
    let days = 0;
    const lastDay = lastCountedDay(period, e, end, options);
    for (let d = e.removalDay; d <= lastDay && d < end; d++) if (placementOn(e, d)) days++;
    const places = lived(e).filter((p) => p.setting !== 7 && p.setting !== 8);
    let moves = 0;
    let unplanned = 0;
    for (let i = 1; i < places.length; i++) {
      const sameHome = places[i].homeKey >= 0 && places[i].homeKey === places[i - 1].homeKey;
      if (sameHome || places[i].startDay > period.end || places[i].startDay >= end) continue;
      moves++;
      if (places[i].changeKind === 2 || places[i].changeKind === 3) unplanned++;
    }
    add("placement_stability", w1Age, moves, days);
    add("unplanned_moves", w1Age, unplanned, days);
  }
  return out;
}

function siblingEntries(world: World, period: Period): Entry[] {
  const inCare: { child: ChildHistory; home: number }[] = [];
  for (const child of world.histories) {
    if (child.siblingGroup < 0) continue;
    const episode = child.episodes.find((e) => inCareOn(child, e, period.end));
    if (!episode) continue;
    inCare.push({ child, home: placementOn(episode, period.end)?.homeKey ?? -1 });
  }
  const out: Entry[] = [];
  for (const me of inCare) {
    const siblings = inCare.filter((other) => other !== me && other.child.siblingGroup === me.child.siblingGroup);
    if (siblings.length === 0) continue;
    const together = siblings.filter((s) => me.home >= 0 && s.home === me.home).length;
    const base = { age: ageGroup(me.child, period.end), race: raceNames[me.child.race] ?? "unknown", sex: sexNames[me.child.sex] ?? "unknown", site: me.child.site, denominator: 1 };
    out.push({ ...base, measure: "siblings_all_together", numerator: together === siblings.length ? 1 : 0 });
    out.push({ ...base, measure: "siblings_some_together", numerator: together >= 1 ? 1 : 0 });
  }
  return out;
}

function homeEntries(world: World, period: Period, options: MeasureOptions): Entry[] {
  const out: Entry[] = [];
  for (const home of world.homes) {
    if ((home.kin && !options.homesIncludeKin) || home.approvedDay === NO_DAY) continue;
    const base = { age: "", race: "", sex: "", site: home.site, numerator: 0, denominator: 1 };
    const approved = home.approvedDay;
    if (approved >= period.start && approved <= period.end) {
      out.push({ ...base, measure: "homes_approved" });
      if (home.inquiryDay !== NO_DAY && home.inquiryDay <= approved) out.push({ ...base, measure: "time_to_approval", value: approved - home.inquiryDay });
    }
    if (home.closedDay !== NO_DAY && home.closedDay >= period.start && home.closedDay <= period.end) {
      out.push({ ...base, measure: "homes_closed", reason: home.closureReason === 0 ? "not_recorded" : homeClosureNames[home.closureReason - 1] });
    }
    if (approved >= addMonths(period.start, -12) && approved < period.start) {
      const open = home.closedDay === NO_DAY || home.closedDay > addMonths(approved, 12);
      out.push({ ...base, measure: "home_retention_1y", numerator: open ? 1 : 0 });
    }
  }
  return out;
}

// ---------------------------------------------------------------- adding up

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function tallyOf(entries: Entry[], kind: Kind, scale: number): Tally {
  const denominator = entries.reduce((sum, e) => sum + e.denominator, 0);
  if (kind === "count") return { numerator: null, denominator, value: denominator };
  if (kind === "median") return { numerator: null, denominator, value: denominator > 0 ? median(entries.map((e) => e.value!)) : null };
  const numerator = entries.reduce((sum, e) => sum + e.numerator, 0);
  return { numerator, denominator, value: denominator > 0 ? (numerator * scale) / denominator : null };
}

export function referenceMeasures(world: World, periods: Period[], options: MeasureOptions): PeriodResults[] {
  return periods.map((period) => {
    const entries = [
      ...world.histories.flatMap((child) => childEntries(child, period, options)),
      ...siblingEntries(world, period),
      ...homeEntries(world, period, options),
    ];
    const total = {} as Record<MeasureId, MeasureResult>;
    const bySite = world.sites.map(() => ({}) as Record<MeasureId, Tally>);
    for (const m of MEASURES) {
      const mine = entries.filter((e) => e.measure === m.id);
      const result: MeasureResult = { measure: m.id, ...tallyOf(mine, m.kind, m.scale), by: { age_group: {}, race: {}, sex: {} } };
      if (!m.homes) {
        for (const key of AGE_KEYS) result.by.age_group[key] = tallyOf(mine.filter((e) => e.age === key), m.kind, m.scale);
        for (const key of raceNames) result.by.race[key] = tallyOf(mine.filter((e) => e.race === key), m.kind, m.scale);
        for (const key of sexNames) result.by.sex[key] = tallyOf(mine.filter((e) => e.sex === key), m.kind, m.scale);
      }
      if (m.id === "exits") {
        result.byReason = {};
        for (const key of ["not_recorded", ...exitReasonNames, "aged_out"]) result.byReason[key] = tallyOf(mine.filter((e) => e.reason === key), "count", 1);
      }
      if (m.id === "homes_closed") {
        result.byReason = {};
        for (const key of ["not_recorded", ...homeClosureNames]) result.byReason[key] = tallyOf(mine.filter((e) => e.reason === key), "count", 1);
      }
      total[m.id] = result;
      world.sites.forEach((_, s) => (bySite[s][m.id] = tallyOf(mine.filter((e) => e.site === s), m.kind, m.scale)));
    }
    return { period, total, bySite };
  });
}
