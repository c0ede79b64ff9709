/** The reference's rules, one function per measure, one child and one period at a time (reference.ts). */

import {
  exitReasonNames,
  homeClosureNames,
  raceNames,
  sexNames,
} from "../../../server/modules/outcomes/history/codes.js";
import { addMonths, NO_DAY, wholeMonths } from "../../../server/modules/outcomes/history/days.js";
import type { ChildHistory, EpisodeRecord } from "../../../server/modules/outcomes/history/model.js";
import type { MeasureOptions, Period } from "../../../server/modules/outcomes/measures/types.js";
import {
  ageGroup,
  birthday18,
  type ChildFrame,
  careEnd,
  type Entry,
  exitHiddenBySnapshot,
  inCareOn,
  isCongregate,
  isShort,
  lastCountedDay,
  lived,
  noDischargeReason,
  permanencyExit,
  placementOn,
  type World,
  within12Months,
} from "./reference-frame.js";

export function childEntries(child: ChildHistory, period: Period, options: MeasureOptions): Entry[] {
  const out: Entry[] = [];
  const b18 = birthday18(child);
  const frame: ChildFrame = {
    child,
    period,
    options,
    b18,
    episodes: child.episodes.filter((e) => e.removalDay < b18),
    add: (measure, age, numerator, denominator, extra = {}) =>
      out.push({
        measure,
        age,
        race: raceNames[child.race] ?? "unknown",
        sex: sexNames[child.sex] ?? "unknown",
        site: child.site,
        numerator,
        denominator,
        ...extra,
      }),
  };
  caseload(frame);
  congregateCare(frame);
  if (child.birthDay === NO_DAY) return out; // the CFSR indicators leave out children without a birth date
  maltreatmentInCare(frame);
  recurrence(frame);
  permanencyForEntries(frame);
  permanencyInCare(frame);
  reentry(frame);
  placementStability(frame);
  return out;
}

/** Entries, exits (with reason and length of stay), in care on the last day. */
function caseload({ child, period, b18, episodes, add }: ChildFrame): void {
  for (const e of episodes) {
    const end = careEnd(child, e);
    if (e.removalDay >= period.start && e.removalDay <= period.end) add("entries", ageGroup(child, e.removalDay), 0, 1);
    if (end >= period.start && end <= period.end) {
      let reason = "aged_out";
      if (e.exitDay !== NO_DAY && e.exitDay < b18)
        reason = e.exitReason === 0 ? "not_recorded" : exitReasonNames[e.exitReason - 1];
      add("exits", ageGroup(child, end), 0, 1, { reason });
      add("median_length_of_stay", ageGroup(child, end), 0, 1, { value: end - e.removalDay });
    }
    if (inCareOn(child, e, period.end)) add("in_care_end", ageGroup(child, period.end), 0, 1);
  }
}

/** Congregate care on the last day, in days, and as the first placement. */
function congregateCare({ child, period, episodes, add }: ChildFrame): void {
  let daysAge: string | null = null;
  for (const e of episodes) {
    if (e.removalDay >= period.start && e.removalDay <= period.end) {
      const first = lived(e)[0];
      if (first)
        add("first_placement_congregate", ageGroup(child, e.removalDay), isCongregate(first.setting) ? 1 : 0, 1);
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
}

/** S1: days in care and victimizations in care. */
function maltreatmentInCare({ child, period, options, episodes, add }: ChildFrame): void {
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
      const prior =
        options.duplicateReportsAgainst === "any_prior" ? (i > 0 ? substantiated[i - 1].reportDay : null) : lastCounted;
      if (prior !== null && day - prior <= 1) return;
      lastCounted = day;
      victimizations++;
    });
    if (days > 0 || victimizations > 0) add("maltreatment_in_care", s1Age, victimizations, days);
  }
}

/** S2: a first victimization in the period, and another within 12 months. */
function recurrence({ child, period, options, b18, add }: ChildFrame): void {
  const substantiated = child.reports.filter((r) => r.substantiated);
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
}

/** P1 and reunification in 12 months, on the first entry of the period. */
function permanencyForEntries({ child, period, options, b18, add }: ChildFrame): void {
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
}

/** P2 and P3, on the episode in care on the first day. */
function permanencyInCare({ child, period, options, add }: ChildFrame): void {
  const firstDayIndex = child.episodes.findIndex((e) => inCareOn(child, e, period.start));
  if (firstDayIndex >= 0) {
    const e = child.episodes[firstDayIndex];
    const months =
      options.monthsInCare === "calendar"
        ? wholeMonths(e.removalDay, period.start)
        : (period.start - e.removalDay) / 30.4375;
    const excluded =
      noDischargeReason(child, e) || (options.afcarsSnapshotEmulation && exitHiddenBySnapshot(child, firstDayIndex));
    if (months >= 12 && !excluded) {
      const exited =
        permanencyExit(child, e) && within12Months(e.exitDay, period.start, options.permanencyAnniversaryCounts);
      add(
        months < 24 ? "permanency_12m_12_23" : "permanency_12m_24_plus",
        ageGroup(child, period.start),
        exited ? 1 : 0,
        1,
      );
    }
  }
}

/** P4: exits to reunification, a relative or guardianship, and re-entry within 12 months. */
function reentry({ child, period, options, b18, add }: ChildFrame): void {
  for (let i = 0; i < child.episodes.length; i++) {
    const e = child.episodes[i];
    if (e.exitDay === NO_DAY || e.exitDay < period.start || e.exitDay > period.end || e.exitDay >= b18) continue;
    if (![1, 2, 5].includes(e.exitReason)) continue;
    if (options.afcarsSnapshotEmulation && exitHiddenBySnapshot(child, i)) continue;
    const next = child.episodes[i + 1];
    const reentered =
      next !== undefined &&
      next.removalDay < b18 &&
      within12Months(next.removalDay, e.exitDay, options.reentryAnniversaryCounts);
    add("reentry_12m", ageGroup(child, e.exitDay), reentered ? 1 : 0, 1);
    if (options.reentryExits === "first") break;
  }
}

/** W1 and unplanned moves, on every entry of the period. */
function placementStability({ child, period, options, episodes, add }: ChildFrame): void {
  let w1Age: string | null = null;
  for (const e of episodes) {
    if (e.removalDay < period.start || e.removalDay > period.end) continue;
    const end = careEnd(child, e);
    if (isShort(period, e, end, options)) continue;
    w1Age ??= ageGroup(child, e.removalDay);
    let days = 0;
    const lastDay = lastCountedDay(period, e, end, options);
    for (let d = e.removalDay; d <= lastDay && d < end; d++) if (placementOn(e, d)) days++;
    // Setting 0 (unknown, AFCARS imports) is a place: only runaway (7) and trial home visit (8) are not.
    const places = lived(e).filter((p) => p.setting !== 7 && p.setting !== 8);
    let moves = 0;
    let unplanned = 0;
    let placesLived = places.length > 0 ? 1 : 0;
    for (let i = 1; i < places.length; i++) {
      const sameHome = places[i].homeKey >= 0 && places[i].homeKey === places[i - 1].homeKey;
      if (!sameHome) placesLived++;
      if (sameHome || places[i].startDay > period.end || places[i].startDay >= end) continue;
      moves++;
      if (places[i].changeKind === 2 || places[i].changeKind === 3) unplanned++;
    }
    moves += movesOnlyNumplepTells(child, period, e, placesLived); // never unplanned: AFCARS has no change kind
    add("placement_stability", w1Age, moves, days);
    add("unplanned_moves", w1Age, unplanned, days);
  }
}

/**
 * W1 for an episode that reports how many places it had (AFCARS NUMPLEP, the
 * current one included) and lists fewer: NUMPLEP − 1 moves in all, the
 * unlisted ones without a date. They happened after the removal and no later
 * than the start of the last placement listed (the current placement of the
 * record NUMPLEP came from), or, with none listed, before the exit. They count
 * only if every one of those days is in the period and in care; else not at all.
 */
function movesOnlyNumplepTells(child: ChildHistory, period: Period, e: EpisodeRecord, placesLived: number): number {
  const reported = e.reportedPlacements ?? 0;
  const unlisted = placesLived === 0 ? reported - 1 : reported - placesLived;
  if (unlisted <= 0) return 0;
  const lastListed = e.placements[e.placements.length - 1];
  if (lastListed === undefined && e.exitDay === NO_DAY) return 0;
  const latest = lastListed !== undefined ? lastListed.startDay : e.exitDay - 1;
  for (let d = e.removalDay; d <= latest; d++) {
    if (d > period.end || !inCareOn(child, e, d)) return 0;
  }
  return unlisted;
}

export function siblingEntries(world: World, period: Period): Entry[] {
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
    const base = {
      age: ageGroup(me.child, period.end),
      race: raceNames[me.child.race] ?? "unknown",
      sex: sexNames[me.child.sex] ?? "unknown",
      site: me.child.site,
      denominator: 1,
    };
    out.push({ ...base, measure: "siblings_all_together", numerator: together === siblings.length ? 1 : 0 });
    out.push({ ...base, measure: "siblings_some_together", numerator: together >= 1 ? 1 : 0 });
  }
  return out;
}

export function homeEntries(world: World, period: Period, options: MeasureOptions): Entry[] {
  const out: Entry[] = [];
  for (const home of world.homes) {
    if ((home.kin && !options.homesIncludeKin) || home.approvedDay === NO_DAY) continue;
    const base = { age: "", race: "", sex: "", site: home.site, numerator: 0, denominator: 1 };
    const approved = home.approvedDay;
    if (approved >= period.start && approved <= period.end) {
      out.push({ ...base, measure: "homes_approved" });
      if (home.inquiryDay !== NO_DAY && home.inquiryDay <= approved)
        out.push({ ...base, measure: "time_to_approval", value: approved - home.inquiryDay });
    }
    if (home.closedDay !== NO_DAY && home.closedDay >= period.start && home.closedDay <= period.end) {
      out.push({
        ...base,
        measure: "homes_closed",
        reason: home.closureReason === 0 ? "not_recorded" : homeClosureNames[home.closureReason - 1],
      });
    }
    if (approved >= addMonths(period.start, -12) && approved < period.start) {
      const open = home.closedDay === NO_DAY || home.closedDay > addMonths(approved, 12);
      out.push({ ...base, measure: "home_retention_1y", numerator: open ? 1 : 0 });
    }
  }
  return out;
}

// ---------------------------------------------------------------- adding up
