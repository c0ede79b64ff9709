import { ExitReason, NO_DAY } from "../modules/outcomes/index.js";
import { reports as calibration } from "./calibration.js";
import type { SeededRandom } from "./random.js";
import { ageGroupOf } from "./time-in-care.js";

/** Report dispositions, in the CSV's words (docs/outcomes-csv-bundle.md); the first two count. */
export const dispositionNames = [
  "",
  "substantiated",
  "indicated",
  "unsubstantiated",
  "alternative_response",
  "other",
] as const;
export const Disposition = {
  substantiated: 1,
  indicated: 2,
  unsubstantiated: 3,
  alternativeResponse: 4,
  other: 5,
} as const;

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
export function buildReports(
  random: SeededRandom,
  episodes: readonly EpisodeSpan[],
  ctx: ReportContext,
): GeneratedReport[] {
  const out: GeneratedReport[] = [];
  const first = episodes[0];
  if (first.removalDay - ctx.birthDay <= 3 && random.chance(calibration.prenatalReportOfNewborns)) {
    out.push({ reportDay: ctx.birthDay - random.int(1, 90), incidentDay: NO_DAY, disposition: substantiated(random) });
  } else if (!first.reentry) {
    if (random.chance(calibration.priorSubstantiatedWithinYear * ctx.recurrenceEffect)) {
      const day = first.removalDay - random.int(30, 365);
      out.push({ reportDay: day, incidentDay: incidentFor(random, day, 10), disposition: substantiated(random) });
    }
    if (random.chance(calibration.priorUnsubstantiated))
      out.push({
        reportDay: first.removalDay - random.int(60, 1500),
        incidentDay: NO_DAY,
        disposition: notSubstantiated(random),
      });
  }
  for (const episode of episodes) episodeReports(random, episode, ctx, out);
  let kept = 0;
  for (const r of out) if (r.reportDay <= ctx.lastDay) out[kept++] = r;
  out.length = kept;
  return out.sort(byReportDay);
}

function episodeReports(random: SeededRandom, episode: EpisodeSpan, ctx: ReportContext, out: GeneratedReport[]) {
  const removalReport = episode.removalDay - (random.chance(0.35) ? 0 : random.int(1, 30));
  if (random.chance(calibration.removalReportSubstantiated))
    out.push({
      reportDay: removalReport,
      incidentDay: incidentFor(random, removalReport, 7),
      disposition: substantiated(random),
    });
  else if (random.chance(calibration.removalReportOtherwise))
    out.push({ reportDay: removalReport, incidentDay: NO_DAY, disposition: notSubstantiated(random) });

  const days = episode.endDay - episode.removalDay;
  const ageGroup = ageGroupOf(episode.removalDay - ctx.birthDay);
  const rate = calibration.inCarePerDay * calibration.inCareAgeMultiplier[ageGroup] * ctx.maltreatmentEffect;
  for (let n = random.poisson(rate * days); n > 0; n--) {
    const day = episode.removalDay + random.int(0, Math.max(0, days - 1));
    const incident = random.chance(calibration.incidentBeforeRemoval)
      ? episode.removalDay - random.int(30, 700)
      : incidentFor(random, day, 14);
    out.push({ reportDay: day, incidentDay: incident, disposition: substantiated(random) });
    if (random.chance(calibration.duplicateNextDay))
      out.push({ reportDay: day + 1, incidentDay: incident, disposition: substantiated(random) });
  }
  for (let n = random.poisson(rate * calibration.inCareUnsubstantiatedRatio * days); n > 0; n--) {
    out.push({
      reportDay: episode.removalDay + random.int(0, Math.max(0, days - 1)),
      incidentDay: NO_DAY,
      disposition: notSubstantiated(random),
    });
  }
  const wentHome =
    episode.exitReason === ExitReason.reunification ||
    episode.exitReason === ExitReason.relative ||
    episode.exitReason === ExitReason.guardianship;
  if (wentHome && random.chance(calibration.afterExitSubstantiated * ctx.recurrenceEffect)) {
    const day = episode.endDay + random.int(20, 365);
    out.push({ reportDay: day, incidentDay: incidentFor(random, day, 10), disposition: substantiated(random) });
  }
}

function byReportDay(a: GeneratedReport, b: GeneratedReport) {
  return a.reportDay - b.reportDay;
}

function substantiated(random: SeededRandom): number {
  return random.chance(calibration.indicatedShare) ? Disposition.indicated : Disposition.substantiated;
}

function notSubstantiated(random: SeededRandom): number {
  return random.chance(0.7)
    ? Disposition.unsubstantiated
    : random.chance(0.67)
      ? Disposition.alternativeResponse
      : Disposition.other;
}

function incidentFor(random: SeededRandom, reportDay: number, maxDaysBefore: number): number {
  return random.chance(calibration.incidentDateRecorded) ? reportDay - random.int(0, maxDaysBefore) : NO_DAY;
}
