import { ChangeKind, ExitReason, Setting, isCongregate } from "../history/codes.js";
import { NO_DAY } from "../history/days.js";
import { moveKindMix, moves, settings } from "./calibration.js";
import type { HomeRegistry } from "./homes.js";
import { cumulativeOf, type SeededRandom } from "./random.js";
import { ageGroupOf } from "./time-in-care.js";

const YEAR = 365.25;

/** A unit's placement; it ends the day the next one starts, the last on the exit day. */
export interface UnitPlacement {
  startDay: number;
  setting: number;
  changeKind: number;
  homeKey: number;
}

export interface UnitEpisodeContext {
  county: number;
  removalDay: number;
  exitDay: number;
  exitReason: number;
  /** Age of the unit's youngest child on the removal day. */
  youngestAgeDays: number;
  /** The birth family's home key (trial home visits). */
  parentsHome: number;
  movesEffect: number;
  asOfDay: number;
}

const settingCodes = [Setting.preAdoptiveHome, Setting.relativeFamilyHome, Setting.nonrelativeFamilyHome, Setting.groupHome, Setting.institution, Setting.supervisedIndependentLiving];
const moveKindCumulative = cumulativeOf(Object.values(moveKindMix));
const moveKinds = [ChangeKind.planned, ChangeKind.unplanned, ChangeKind.emergency];
/** Re-draw the move hazard at least this often: it falls with time in care and changes with age and setting. */
const STEP_DAYS = 30;
/** Marks a return from running away to the same relative's home, until assignKinHomes gives the kin home's key. */
const SAME_KIN_HOME = -2;
/** Children who will leave to relatives or guardianship are placed with relatives more often [assumed]. */
const KIN_BOUND_RELATIVE_TILT = 1.5;

/**
 * The placements of one unit's episode, up to the as-of day: a first
 * placement, moves drawn from the move hazard, runaways and returns, and a
 * last placement that fits the exit (a trial home visit before reunification,
 * a pre-adoptive home before adoption, a relative before guardianship,
 * supervised independent living before aging out). Every placement starts
 * after the previous one, so none overlaps.
 */
export function buildUnitPlacements(random: SeededRandom, homes: HomeRegistry, ctx: UnitEpisodeContext): UnitPlacement[] {
  const placements: UnitPlacement[] = [];
  const duration = ctx.exitDay - ctx.removalDay;
  const last = lastPlacementPlan(random, ctx, duration);
  const stopDay = Math.min(last ? last.startDay : ctx.exitDay, ctx.asOfDay + 1);
  const entryGroup = ageGroupOf(ctx.youngestAgeDays);
  let day = ctx.removalDay;
  if (duration >= 10 && random.chance(settings.lateFirstPlacementShare)) day += random.int(1, 5);
  if (day >= stopDay) return placements;
  let current = place(random, homes, ctx, day, firstSetting(random, ctx, day), ChangeKind.initial);
  placements.push(current);
  let t = day;
  while (t < stopDay) {
    const ageYears = (ctx.youngestAgeDays + t - ctx.removalDay) / YEAR;
    const since = t - ctx.removalDay;
    const moveRate =
      (moves.basePerDay + moves.earlyPerDay * Math.exp(-since / moves.earlyDays)) * moves.ageMultiplier[entryGroup] * moves.settingMultiplier[current.setting] * ctx.movesEffect;
    const runawayRate = ageYears >= 12 ? (isCongregate(current.setting) ? moves.runawayPerDay.congregate : moves.runawayPerDay.family) : 0;
    const wait = random.exponential(1 / (moveRate + runawayRate));
    if (wait > STEP_DAYS) {
      t += STEP_DAYS;
      continue;
    }
    const eventDay = Math.max(current.startDay + 1, Math.floor(t + wait));
    if (eventDay >= stopDay) break;
    if (random.next() * (moveRate + runawayRate) < moveRate) {
      current = place(random, homes, ctx, eventDay, nextSetting(random, ctx, current.setting, eventDay), pickMoveKind(random));
      placements.push(current);
      t = eventDay;
      continue;
    }
    // Ran away: a runaway "placement", then back to the same home or to a new one.
    const before = current;
    placements.push({ startDay: eventDay, setting: Setting.runaway, changeKind: ChangeKind.unplanned, homeKey: -1 });
    const back = eventDay + 1 + Math.round(random.exponential(moves.runawayMeanDays));
    if (back >= stopDay) return finish(random, homes, placements, last, ctx);
    const sameHomeKey = before.setting === Setting.relativeFamilyHome ? SAME_KIN_HOME : before.homeKey;
    current = random.chance(moves.runawayReturnsToSameHome)
      ? { startDay: back, setting: before.setting, changeKind: ChangeKind.emergency, homeKey: sameHomeKey }
      : place(random, homes, ctx, back, nextSetting(random, ctx, before.setting, back), ChangeKind.emergency);
    placements.push(current);
    t = back;
  }
  return finish(random, homes, placements, last, ctx);
}

type LastPlan = { startDay: number; setting: number; sameHome: boolean };

/** A day `min`–`max` days before the exit, but at least a week after the removal where the episode allows. */
function daysBeforeExit(random: SeededRandom, ctx: UnitEpisodeContext, duration: number, min: number, max: number): number {
  return ctx.exitDay - random.int(min, Math.max(min, Math.min(max, duration - 8)));
}

function lastPlacementPlan(random: SeededRandom, ctx: UnitEpisodeContext, duration: number): LastPlan | null {
  switch (ctx.exitReason) {
    case ExitReason.reunification: {
      if (duration <= 45 || !random.chance(settings.trialHomeVisitShare)) return null;
      const days = Math.min(duration - 14, Math.max(14, Math.round(random.logNormal(settings.trialHomeVisitMedianDays, 0.6))));
      return { startDay: ctx.exitDay - days, setting: Setting.trialHomeVisit, sameHome: false };
    }
    case ExitReason.adoption: {
      const r = random.next();
      if (r < settings.preAdoptiveRedesignation) return { startDay: daysBeforeExit(random, ctx, duration, 60, 180), setting: Setting.preAdoptiveHome, sameHome: true };
      if (r < settings.preAdoptiveRedesignation + settings.preAdoptiveMove) return { startDay: daysBeforeExit(random, ctx, duration, 120, 365), setting: Setting.preAdoptiveHome, sameHome: false };
      return null;
    }
    case ExitReason.guardianship:
    case ExitReason.relative:
      return random.chance(settings.relativeHomeAtKinExit) ? { startDay: daysBeforeExit(random, ctx, duration, 60, 240), setting: Setting.relativeFamilyHome, sameHome: false } : null;
    case ExitReason.emancipation:
      return random.chance(settings.independentLivingBeforeAgingOut) ? { startDay: daysBeforeExit(random, ctx, duration, 90, 365), setting: Setting.supervisedIndependentLiving, sameHome: false } : null;
    case ExitReason.runaway:
      return { startDay: daysBeforeExit(random, ctx, duration, 30, 120), setting: Setting.runaway, sameHome: false };
    default:
      return null;
  }
}

function finish(random: SeededRandom, homes: HomeRegistry, placements: UnitPlacement[], last: LastPlan | null, ctx: UnitEpisodeContext): UnitPlacement[] {
  if (!last || placements.length === 0 || last.startDay > ctx.asOfDay) return placements;
  const current = placements[placements.length - 1];
  if (last.startDay <= current.startDay || current.setting === last.setting) return placements;
  if (last.sameHome) {
    // Re-designating the foster home as pre-adoptive (the child stays); a relative adopting keeps the relative home.
    if (current.setting !== Setting.nonrelativeFamilyHome) return placements;
    placements.push({ startDay: last.startDay, setting: last.setting, changeKind: ChangeKind.planned, homeKey: current.homeKey });
    return placements;
  }
  placements.push(place(random, homes, ctx, last.startDay, last.setting, ChangeKind.planned));
  return placements;
}

function firstSetting(random: SeededRandom, ctx: UnitEpisodeContext, day: number): number {
  return settingFor(random, ctx, day, 1);
}

/** From congregate care most moves step down to a family; otherwise the age table again. */
function nextSetting(random: SeededRandom, ctx: UnitEpisodeContext, from: number, day: number): number {
  if (isCongregate(from) && random.chance(settings.stepDownToFamily)) {
    return random.chance(0.4) ? Setting.relativeFamilyHome : Setting.nonrelativeFamilyHome;
  }
  return settingFor(random, ctx, day, 1.1);
}

function settingFor(random: SeededRandom, ctx: UnitEpisodeContext, day: number, congregateWeight: number): number {
  const group = ageGroupOf(ctx.youngestAgeDays + day - ctx.removalDay);
  const weights = settings.byAgeGroup[group];
  const kinBound = ctx.exitReason === ExitReason.relative || ctx.exitReason === ExitReason.guardianship;
  let total = 0;
  const tilted = weights.map((w, i) => {
    const code = settingCodes[i];
    const x = w * (code === Setting.relativeFamilyHome && kinBound ? 1.5 : 1) * (isCongregate(code) ? congregateWeight : 1);
    total += x;
    return x;
  });
  let r = random.next() * total;
  for (let i = 0; i < tilted.length; i++) {
    r -= tilted[i];
    if (r < 0) return settingCodes[i];
  }
  return Setting.nonrelativeFamilyHome;
}

function pickMoveKind(random: SeededRandom): number {
  return moveKinds[random.pickCumulative(moveKindCumulative)];
}

/**
 * A placement in a setting, with its home: the county's pool for resource
 * families, a facility for congregate care, the parents' home for a trial home
 * visit; relatives' homes are made once the placement's end is known.
 */
function place(random: SeededRandom, homes: HomeRegistry, ctx: UnitEpisodeContext, day: number, setting: number, changeKind: number): UnitPlacement {
  let homeKey = -1;
  if (setting === Setting.nonrelativeFamilyHome || setting === Setting.preAdoptiveHome) homeKey = homes.pickFamilyHome(ctx.county, day);
  else if (setting === Setting.trialHomeVisit) homeKey = ctx.parentsHome;
  else if (setting === Setting.groupHome) homeKey = homes.pickFacility(ctx.county, "group_home");
  else if (setting === Setting.institution) homeKey = homes.pickFacility(ctx.county, "institution");
  return { startDay: day, setting, changeKind, homeKey };
}

/**
 * Gives every relative placement its kin home, now that each one's end (a move
 * or the exit) is known; a return from running away to the same relative
 * keeps that home, which stays open meanwhile.
 */
export function assignKinHomes(homes: HomeRegistry, placements: UnitPlacement[], ctx: UnitEpisodeContext): void {
  for (let i = 0; i < placements.length; i++) {
    const p = placements[i];
    if (p.setting !== Setting.relativeFamilyHome || p.homeKey === SAME_KIN_HOME) continue;
    let lastOfHome = i;
    while (placements[lastOfHome + 1]?.setting === Setting.runaway && placements[lastOfHome + 2]?.homeKey === SAME_KIN_HOME) lastOfHome += 2;
    const next = placements[lastOfHome + 1];
    const end = next ? next.startDay : ctx.exitDay > ctx.asOfDay ? NO_DAY : ctx.exitDay;
    const key = homes.kinHome(ctx.county, p.startDay, end, next ? { move: true } : { move: false, exitReason: ctx.exitReason });
    for (let k = i; k <= lastOfHome; k += 2) placements[k].homeKey = key;
  }
}
