import type {
  ChildHistory,
  EpisodeRecord,
  MaltreatmentReportRecord,
  PlacementRecord,
} from "../modules/outcomes/index.js";
import { addYears, ExitReason, isReentryCohortExit, NO_DAY, Sex } from "../modules/outcomes/index.js";
import { population, reentry, siblings, timeInCare } from "./calibration.js";
import type { Geography } from "./geography.js";
import { type HomeRegistry, PARENTS_HOME_KEY_BASE } from "./homes.js";
import { assignKinHomes, buildUnitPlacements, type UnitPlacement } from "./placements.js";
import { cumulativeOf, type SeededRandom } from "./random.js";
import { buildReports, Disposition, type EpisodeSpan, type GeneratedReport } from "./reports.js";
import { ageGroupOf, drawEpisodeOutcome } from "./time-in-care.js";

const YEAR = 365.25;
const ageGroupCumulative = cumulativeOf(population.ageGroupWeights);
const familySizeCumulative = cumulativeOf(population.familySizeWeights);
/** Age ranges in days of the age groups (ageGroupOf). */
const ageGroupDays: [number, number][] = [
  [0, 120],
  [121, 364],
  [365, Math.floor(6 * YEAR) - 1],
  [Math.ceil(6 * YEAR), Math.floor(11 * YEAR) - 1],
  [Math.ceil(11 * YEAR), Math.floor(17 * YEAR) - 1],
  [Math.ceil(17 * YEAR), Math.floor(18 * YEAR) - 2],
];

/** A child as the generator made it: the history (model.ts) and each report's disposition, which the CSV keeps. */
export interface GeneratedChild {
  history: ChildHistory;
  dispositions: number[];
}

export interface FamilyContext {
  random: SeededRandom;
  geography: Geography;
  homes: HomeRegistry;
  firstDay: number;
  asOfDay: number;
}

interface ChildDraft {
  key: number;
  birthDay: number;
  sex: number;
  /** The day this child leaves care at the latest: the 18th birthday, or later in extended foster care. */
  leavesDay: number;
  eighteenth: number;
  episodes: {
    removalDay: number;
    exitDay: number;
    exitReason: number;
    placements: UnitPlacement[];
    reentry: boolean;
  }[];
}

/**
 * One family: its county, the day its children are removed, the children
 * (ages, sex, race), how they are split into placement units (siblings placed
 * together share every placement and home), and each unit's episodes — exit,
 * placements, re-entries. `childBudget` caps the family's size so a bundle has
 * exactly the children asked for.
 */
export function simulateFamily(
  ctx: FamilyContext,
  familyKey: number,
  firstChildKey: number,
  childBudget: number,
): GeneratedChild[] {
  const { random, geography } = ctx;
  const county = random.pickCumulative(geography.cumulativeWeight);
  const effects = geography.effects[county];
  const removalDay = entryDay(random, ctx.firstDay, ctx.asOfDay);
  const size = Math.min(childBudget, Math.max(1, random.pickCumulative(familySizeCumulative)));
  const race = random.pickCumulative(geography.raceCumulative[county]);
  const children = drawChildren(random, removalDay, size, firstChildKey);

  for (const unit of splitIntoUnits(random, children)) {
    let members = unit;
    let removal = removalDay;
    let reentering = false;
    for (let n = 0; n < reentry.maxEpisodes && members.length > 0 && removal <= ctx.asOfDay; n++) {
      let youngest = members[0];
      for (const child of members) if (child.birthDay > youngest.birthDay) youngest = child;
      const youngestAge = removal - youngest.birthDay;
      const outcome = drawEpisodeOutcome(random, removal, youngestAge, youngest.leavesDay, effects.permanency);
      const unitCtx = {
        county,
        removalDay: removal,
        exitDay: outcome.exitDay,
        exitReason: outcome.exitReason,
        youngestAgeDays: youngestAge,
        parentsHome: PARENTS_HOME_KEY_BASE + familyKey,
        movesEffect: effects.moves,
        asOfDay: ctx.asOfDay,
      };
      const placements = buildUnitPlacements(random, ctx.homes, unitCtx);
      assignKinHomes(ctx.homes, placements, unitCtx);
      for (const child of members) {
        const leaves = child.leavesDay < outcome.exitDay;
        child.episodes.push({
          removalDay: removal,
          exitDay: leaves ? child.leavesDay : outcome.exitDay,
          exitReason: leaves ? ExitReason.emancipation : outcome.exitReason,
          placements,
          reentry: reentering,
        });
      }
      if (outcome.exitDay > ctx.asOfDay || !isReentryCohortExit(outcome.exitReason)) break;
      const next = reentryDay(
        random,
        outcome.exitDay,
        ageGroupOf(outcome.exitDay - youngest.birthDay),
        effects.reentry,
      );
      if (next === null) break;
      // Only children who left with the unit and are still under 18 come back.
      members = members.filter(
        (c) => c.episodes[c.episodes.length - 1].exitDay === outcome.exitDay && next < c.eighteenth,
      );
      removal = next;
      reentering = true;
    }
  }

  return children.map((child) => finishChild(ctx, child, county, race, size > 1 ? familyKey : -1, effects));
}

/** Removal days spread over the history with entries falling linearly (calibration.population.entryTrendEndToStart). */
function entryDay(random: SeededRandom, firstDay: number, asOfDay: number): number {
  const a = (1 - population.entryTrendEndToStart) / 2;
  const v = random.next();
  const u = a === 0 ? v : (1 - Math.sqrt(1 - 4 * a * v * (1 - a))) / (2 * a);
  return Math.min(asOfDay, firstDay + Math.floor(u * (asOfDay - firstDay + 1)));
}

function drawAgeDays(random: SeededRandom): number {
  const group = random.pickCumulative(ageGroupCumulative);
  if (group === 0 && random.chance(population.newbornShareOfYoungInfants)) return random.int(0, 6);
  const [lo, hi] = ageGroupDays[group];
  return random.int(lo, hi);
}

/**
 * Siblings' ages are drawn independently from the national age-at-entry mix
 * (so the children's ages keep CB's shares) and then spaced at least ~10
 * months apart, except twins.
 */
function drawChildren(random: SeededRandom, removalDay: number, size: number, firstKey: number): ChildDraft[] {
  const maxAge = ageGroupDays[5][1];
  const ages = Array.from({ length: size }, () => drawAgeDays(random)).sort((a, b) => a - b);
  for (let i = 1; i < size; i++) {
    if (ages[i] - ages[i - 1] >= 300 || random.chance(0.03)) continue;
    const older = ages[i - 1] + random.int(300, 700);
    ages[i] = older <= maxAge ? older : ages[i - 1];
  }
  return ages.map((age, i) => {
    const birthDay = removalDay - age;
    const eighteenth = addYears(birthDay, 18);
    const leavesDay = random.chance(timeInCare.extendedCareShare)
      ? addYears(birthDay, 19) + random.int(0, 729)
      : eighteenth;
    return {
      key: firstKey + i,
      birthDay,
      sex: random.chance(population.maleShare) ? Sex.male : Sex.female,
      leavesDay,
      eighteenth,
      episodes: [],
    };
  });
}

/** All together, some together (one unit of two or more, the rest alone), or each alone (calibration.siblings). */
function splitIntoUnits(random: SeededRandom, children: ChildDraft[]): ChildDraft[][] {
  const n = children.length;
  if (n === 1 || random.chance(siblings.allTogether[Math.min(n, siblings.allTogether.length - 1)])) return [children];
  if (n >= 3 && random.chance(siblings.someTogetherOtherwise)) {
    const together = random.int(2, n - 1);
    const order = [...children];
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return [order.slice(0, together), ...order.slice(together).map((c) => [c])];
  }
  return children.map((c) => [c]);
}

function reentryDay(random: SeededRandom, exitDay: number, ageGroup: number, effect: number): number | null {
  const within12 = Math.min(0.5, reentry.within12MonthsByAge[ageGroup] * reentry.scale * effect);
  const r = random.next();
  if (r < within12) {
    for (;;) {
      const days = 2 + Math.round(random.exponential(reentry.meanDaysToReentry));
      if (days <= 364) return exitDay + days;
    }
  }
  if (r < within12 + reentry.laterShare) return exitDay + 366 + Math.round(random.exponential(500));
  return null;
}

/**
 * The child's own view of the unit's episodes (cut at aging out and at the as-of day), reports, and the data-quality
 * gaps real data have.
 */
function finishChild(
  ctx: FamilyContext,
  child: ChildDraft,
  county: number,
  race: number,
  siblingGroup: number,
  effects: Geography["effects"][number],
): GeneratedChild {
  const { random, asOfDay } = ctx;
  const episodes: EpisodeRecord[] = [];
  const spans: EpisodeSpan[] = [];
  for (const e of child.episodes) {
    const open = e.exitDay > asOfDay;
    const placements: PlacementRecord[] = [];
    for (let i = 0; i < e.placements.length; i++) {
      const p = e.placements[i];
      if (p.startDay >= e.exitDay) break;
      const next = e.placements[i + 1];
      const end = next && next.startDay < e.exitDay ? next.startDay : open ? NO_DAY : e.exitDay;
      placements.push({
        startDay: p.startDay,
        endDay: end,
        setting: p.setting,
        changeKind: p.changeKind,
        homeKey: p.homeKey,
      });
    }
    const missingReason = !open && random.chance(timeInCare.missingExitReasonShare);
    episodes.push({
      removalDay: e.removalDay,
      exitDay: open ? NO_DAY : e.exitDay,
      exitReason: open || missingReason ? 0 : e.exitReason,
      placements,
    });
    spans.push({
      removalDay: e.removalDay,
      endDay: open ? asOfDay : e.exitDay,
      exitReason: e.exitReason,
      reentry: e.reentry,
    });
  }
  const reports: GeneratedReport[] = buildReports(random, spans, {
    birthDay: child.birthDay,
    lastDay: Math.min(asOfDay, child.eighteenth - 1),
    maltreatmentEffect: effects.maltreatment,
    recurrenceEffect: effects.recurrence,
  });
  const records: MaltreatmentReportRecord[] = new Array(reports.length);
  const dispositions: number[] = new Array(reports.length);
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    records[i] = {
      reportDay: r.reportDay,
      incidentDay: r.incidentDay,
      substantiated: r.disposition <= Disposition.indicated,
    };
    dispositions[i] = r.disposition;
  }
  return {
    history: {
      key: child.key,
      birthDay: random.chance(population.missingBirthDateShare) ? NO_DAY : child.birthDay,
      sex: child.sex,
      race,
      site: county,
      siblingGroup,
      episodes,
      reports: records,
    },
    dispositions,
  };
}
