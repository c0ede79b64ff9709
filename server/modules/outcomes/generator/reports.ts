import { ExitReason } from "../history/codes.js";
import { NO_DAY } from "../history/days.js";
import { reports as calibration } from "./calibration.js";
import type { SeededRandom } from "./random.js";
import { ageGroupOf } from "./time-in-care.js";

/** Report dispositions, in the CSV's words (docs/outcomes-csv-bundle.md); the first two count. */
export const dispositionNames = ["", "substantiated", "indicated", "unsubstantiated", "alternative_response", "other"] as const;
export const Disposition = { substantiated: 1, indicated: 2, unsubstantiated: 3, alternativeResponse: 4, other: 5 } as const;

export interface GeneratedReport {
  reportDay: number;
  incidentDay: number;
  disposition: number;
}

/** The part of a child's episode the reports need; `endDay` is the true exit, or the as-of day while in care. */
export interface EpisodeSpan {
  removalDay: number;
  endDay: number;
  exitReason: number;
  /** false for the child's first episode. */
  reentry: boolean;
}

export interface ReportContext {
  birthDay: number;
  /** No reports on or after the 18th birthday (NCANDS covers children) or after the as-of day. */
  lastDay: number;
  maltreatmentEffect: number;
  recurrenceEffect: number;
}

/**
 * NCANDS-like reports about a child: the investigation that led to each
 * removal (mostly substantiated, some on the removal day — inside the first
 * week, which S1 leaves out), an earlier victimization for some (recurrence,
 * S2), maltreatment in care at a rate by age (S1) with now and then a
 * duplicate the next day or an incident from before the removal (both
 * excluded by S1), reports after reunification, and prenatal reports of some
 * newborns (S2 leaves out the unborn). Incident dates are often missing.
 */
export function buildReports(random: SeededRandom, episodes: readonly EpisodeSpan[], ctx: ReportContext): GeneratedReport[] {
  const out: GeneratedReport[] = [];
  const substantiated = () => (random.chance(calibration.indicatedShare) ? Disposition.indicated : Disposition.substantiated);
  const notSubstantiated = () => (random.chance(0.7) ? Disposition.unsubstantiated : random.chance(0.67) ? Disposition.alternativeResponse : Disposition.other);
  const incidentFor = (reportDay: number, maxDaysBefore: number) => (random.chance(calibration.incidentDateRecorded) ? reportDay - random.int(0, maxDaysBefore) : NO_DAY);
  const add = (reportDay: number, incidentDay: number, disposition: number) => out.push({ reportDay, incidentDay, disposition });

  const first = episodes[0];
  if (first.removalDay - ctx.birthDay <= 3 && random.chance(calibration.prenatalReportOfNewborns)) {
    add(ctx.birthDay - random.int(1, 90), NO_DAY, substantiated());
  } else if (!first.reentry) {
    if (random.chance(calibration.priorSubstantiatedWithinYear * ctx.recurrenceEffect)) {
      const day = first.removalDay - random.int(30, 365);
      add(day, incidentFor(day, 10), substantiated());
    }
    if (random.chance(calibration.priorUnsubstantiated)) add(first.removalDay - random.int(60, 1500), NO_DAY, notSubstantiated());
  }

  for (const episode of episodes) {
    const removalReport = episode.removalDay - (random.chance(0.35) ? 0 : random.int(1, 30));
    if (random.chance(calibration.removalReportSubstantiated)) add(removalReport, incidentFor(removalReport, 7), substantiated());
    else if (random.chance(calibration.removalReportOtherwise)) add(removalReport, NO_DAY, notSubstantiated());

    const days = episode.endDay - episode.removalDay;
    const ageGroup = ageGroupOf(episode.removalDay - ctx.birthDay);
    const rate = calibration.inCarePerDay * calibration.inCareAgeMultiplier[ageGroup] * ctx.maltreatmentEffect;
    for (let n = random.poisson(rate * days); n > 0; n--) {
      const day = episode.removalDay + random.int(0, Math.max(0, days - 1));
      const incident = random.chance(calibration.incidentBeforeRemoval) ? episode.removalDay - random.int(30, 700) : incidentFor(day, 14);
      add(day, incident, substantiated());
      if (random.chance(calibration.duplicateNextDay)) add(day + 1, incident, substantiated());
    }
    for (let n = random.poisson(rate * calibration.inCareUnsubstantiatedRatio * days); n > 0; n--) {
      add(episode.removalDay + random.int(0, Math.max(0, days - 1)), NO_DAY, notSubstantiated());
    }
    const wentHome = episode.exitReason === ExitReason.reunification || episode.exitReason === ExitReason.relative || episode.exitReason === ExitReason.guardianship;
    if (wentHome && random.chance(calibration.afterExitSubstantiated * ctx.recurrenceEffect)) {
      const day = episode.endDay + random.int(20, 365);
      add(day, incidentFor(day, 10), substantiated());
    }
  }
  return out.filter((r) => r.reportDay <= ctx.lastDay).sort((a, b) => a.reportDay - b.reportDay);
}
