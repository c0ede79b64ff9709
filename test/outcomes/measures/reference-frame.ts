/** The reference's vocabulary: dates, care, placements — reference.ts has the rules in short. */

import { addMonths, addYears, ageOn, isoOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import type {
  ChildHistory,
  EpisodeRecord,
  HomeRecord,
  PlacementRecord,
} from "../../../server/modules/outcomes/history/model.js";
import type { MeasureId } from "../../../server/modules/outcomes/measures/catalogue.js";
import type { MeasureOptions, Period } from "../../../server/modules/outcomes/measures/types.js";

export interface World {
  histories: ChildHistory[];
  sites: string[];
  homes: HomeRecord[];
}

/** One thing a child (or home) adds to one measure. */
export interface Entry {
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

/** What each measure's rules see of one child in one period. */
export interface ChildFrame {
  child: ChildHistory;
  period: Period;
  options: MeasureOptions;
  b18: number;
  /** The child's episodes that began before the 18th birthday. */
  episodes: EpisodeRecord[];
  add: (measure: MeasureId, age: string, numerator: number, denominator: number, extra?: Partial<Entry>) => void;
}

export function birthday18(child: ChildHistory): number {
  return child.birthDay === NO_DAY ? Infinity : addYears(child.birthDay, 18);
}

export function careEnd(child: ChildHistory, episode: EpisodeRecord): number {
  const exit = episode.exitDay === NO_DAY ? Infinity : episode.exitDay;
  return Math.min(exit, birthday18(child));
}

export function inCareOn(child: ChildHistory, episode: EpisodeRecord, day: number): boolean {
  return episode.removalDay <= day && day < careEnd(child, episode);
}

export function ageGroup(child: ChildHistory, day: number): string {
  if (child.birthDay === NO_DAY) return "unknown";
  const age = ageOn(child.birthDay, day);
  if (age < 1) return "under_1";
  if (age <= 5) return "1_5";
  if (age <= 10) return "6_10";
  if (age <= 16) return "11_16";
  return "17";
}

export function within12Months(day: number, from: number, anniversaryCounts: boolean): boolean {
  const anniversary = addMonths(from, 12);
  return day < anniversary || (anniversaryCounts && day === anniversary);
}

/** "20A" = Oct 2019 – Mar 2020, "20B" = Apr – Sep 2020. */
export function afcarsReportPeriod(day: number): string {
  const [year, month] = isoOf(day).split("-").map(Number);
  if (month >= 10) return `${year + 1}A`;
  return month <= 3 ? `${year}A` : `${year}B`;
}

export function exitHiddenBySnapshot(child: ChildHistory, index: number): boolean {
  const episode = child.episodes[index];
  const next = child.episodes[index + 1];
  return (
    episode.exitDay !== NO_DAY &&
    next !== undefined &&
    afcarsReportPeriod(next.removalDay) === afcarsReportPeriod(episode.exitDay)
  );
}

const livedCache = new WeakMap<EpisodeRecord, PlacementRecord[]>();

export function lived(episode: EpisodeRecord): PlacementRecord[] {
  let places = livedCache.get(episode);
  if (!places) {
    places = episode.placements.filter((p) => p.endDay === NO_DAY || p.endDay > p.startDay);
    livedCache.set(episode, places);
  }
  return places;
}

export function placementOn(episode: EpisodeRecord, day: number): PlacementRecord | undefined {
  return lived(episode).find((p) => p.startDay <= day && (p.endDay === NO_DAY || day < p.endDay));
}

export function isCongregate(setting: number): boolean {
  return setting === 4 || setting === 5;
}

export function permanencyExit(child: ChildHistory, episode: EpisodeRecord): boolean {
  return episode.exitDay !== NO_DAY && episode.exitDay < birthday18(child) && [1, 2, 3, 5].includes(episode.exitReason);
}

export function noDischargeReason(child: ChildHistory, episode: EpisodeRecord): boolean {
  return episode.exitDay !== NO_DAY && episode.exitDay < birthday18(child) && episode.exitReason === 0;
}

export function lastCountedDay(period: Period, episode: EpisodeRecord, end: number, options: MeasureOptions): number {
  const wholePeriod = episode.removalDay < period.start && end > period.end;
  if (options.periodEndDay === "counted" || (options.periodEndDay === "cb_syntax" && wholePeriod)) return period.end;
  return period.end - 1;
}

export function isShort(period: Period, episode: EpisodeRecord, end: number, options: MeasureOptions): boolean {
  const complete = options.shortEpisodeSeenAt === "period_end" ? end <= period.end : end !== Infinity;
  return complete && end - episode.removalDay < 8;
}

// ---------------------------------------------------------------- the measures of one child
