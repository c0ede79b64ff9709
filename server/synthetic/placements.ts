import { ChangeKind, ExitReason, isCongregate, NO_DAY, Setting } from "../modules/outcomes/index.js";
import { moves, settings } from "./calibration.js";
import type { HomeRegistry } from "./homes.js";
import type { SeededRandom } from "./random.js";
import { firstSetting, nextSetting, pickMoveKind, type SettingContext } from "./setting-choice.js";
import { ageGroupOf } from "./time-in-care.js";

const YEAR = 365.25;
/** Re-draw the move hazard at least this often: it falls with time in care and changes with age and setting. */
const STEP_DAYS = 30;
/** Marks a return from running away to the same relative's home, until assignKinHomes gives the kin home's key. */
const SAME_KIN_HOME = -2;

/** A unit's placement; it ends the day the next one starts, the last on the exit day. */
export interface UnitPlacement {
  startDay: number;
  setting: number;
  changeKind: number;
  homeKey: number;
}

export interface UnitEpisodeContext extends SettingContext {
  county: number;
  exitDay: number;
  /** The birth family's home key (trial home visits). */
  parentsHome: number;
  movesEffect: number;
  asOfDay: number;
}

type LastPlan = { startDay: number; setting: number; sameHome: boolean };

/**
 * The placements of one unit's episode, up to the as-of day: a first
 * placement, moves drawn from the move hazard (and when a resource family
 * closes), runaways and returns, and a last placement that fits the exit (a
 * trial home visit before reunification, a pre-adoptive home before adoption,
 * a relative before guardianship, supervised independent living before aging
 * out). Every placement starts after the previous one, so none overlaps, and
 * a child never stays in a home after it closed.
 */
export function buildUnitPlacements(
  random: SeededRandom,
  homes: HomeRegistry,
  ctx: UnitEpisodeContext,
): UnitPlacement[] {
  const placements: UnitPlacement[] = [];
  const duration = ctx.exitDay - ctx.removalDay;
  const endDay = Math.min(ctx.exitDay, ctx.asOfDay + 1);
  const last = lastPlacementPlan(random, ctx, duration);
  let day = ctx.removalDay;
  if (duration >= 10 && random.chance(settings.lateFirstPlacementShare)) day += random.int(1, 5);
  if (day >= endDay) return placements;
  placements.push(place(random, homes, ctx, day, firstSetting(random, ctx, day), ChangeKind.initial));
  const planned = last && last.startDay > day && last.startDay <= ctx.asOfDay ? last : null;
  const t = simulateMoves(random, homes, ctx, placements, day, planned ? planned.startDay : endDay);
  if (planned && !appendLastPlacement(homes, random, ctx, placements, planned))
    simulateMoves(random, homes, ctx, placements, t, endDay);
  return placements;
}

/** Moves, home closures and runaways from day `from` until `stopDay`; returns the day reached. */
function simulateMoves(
  random: SeededRandom,
  homes: HomeRegistry,
  ctx: UnitEpisodeContext,
  placements: UnitPlacement[],
  from: number,
  stopDay: number,
): number {
  const entryGroup = ageGroupOf(ctx.youngestAgeDays);
  let current = placements[placements.length - 1];
  let t = from;
  while (t < stopDay) {
    const ageYears = (ctx.youngestAgeDays + t - ctx.removalDay) / YEAR;
    const since = t - ctx.removalDay;
    const moveRate =
      (moves.basePerDay + moves.earlyPerDay * Math.exp(-since / moves.earlyDays)) *
      moves.ageMultiplier[entryGroup] *
      moves.settingMultiplier[current.setting] *
      ctx.movesEffect;
    const runawayRate =
      ageYears >= 12 && current.setting !== Setting.runaway
        ? isCongregate(current.setting)
          ? moves.runawayPerDay.congregate
          : moves.runawayPerDay.family
        : 0;
    const wait = random.exponential(1 / (moveRate + runawayRate));
    const eventDay = wait > STEP_DAYS ? Infinity : Math.max(current.startDay + 1, Math.floor(t + wait));
    // A resource family that closes (median service under a year, Chapin Hall 2018) moves its children that day.
    const homeCloses = homes.closureOf(current.homeKey);
    if (homeCloses <= Math.min(eventDay, t + STEP_DAYS)) {
      if (homeCloses >= stopDay) return stopDay;
      current = moveTo(random, homes, ctx, placements, homeCloses, ChangeKind.unplanned);
      t = homeCloses;
      continue;
    }
    if (eventDay === Infinity) {
      t += STEP_DAYS;
      continue;
    }
    if (eventDay >= stopDay) return stopDay;
    if (random.next() * (moveRate + runawayRate) < moveRate) {
      current = moveTo(random, homes, ctx, placements, eventDay, pickMoveKind(random));
      t = eventDay;
      continue;
    }
    // Ran away: a runaway "placement", then back to the same home (if it is still open) or to a new one.
    const before = current;
    placements.push({ startDay: eventDay, setting: Setting.runaway, changeKind: ChangeKind.unplanned, homeKey: -1 });
    const back = eventDay + 1 + Math.round(random.exponential(moves.runawayMeanDays));
    if (back >= stopDay) return stopDay;
    if (random.chance(moves.runawayReturnsToSameHome) && homes.closureOf(before.homeKey) > back) {
      current = {
        startDay: back,
        setting: before.setting,
        changeKind: ChangeKind.emergency,
        homeKey: before.setting === Setting.relativeFamilyHome ? SAME_KIN_HOME : before.homeKey,
      };
      placements.push(current);
    } else {
      current = moveTo(random, homes, ctx, placements, back, ChangeKind.emergency, before);
    }
    t = back;
  }
  return t;
}

/** A move to a new setting and home (not the home the child is leaving). */
function moveTo(
  random: SeededRandom,
  homes: HomeRegistry,
  ctx: UnitEpisodeContext,
  placements: UnitPlacement[],
  day: number,
  changeKind: number,
  from = placements[placements.length - 1],
): UnitPlacement {
  const setting = nextSetting(random, ctx, from.setting, day);
  let next = place(random, homes, ctx, day, setting, changeKind);
  for (let tries = 0; next.homeKey >= 0 && next.homeKey === from.homeKey && tries < 3; tries++)
    next = place(random, homes, ctx, day, setting, changeKind);
  placements.push(next);
  return next;
}

/** A day `min`–`max` days before the exit, but at least a week after the removal where the episode allows. */
function daysBeforeExit(
  random: SeededRandom,
  ctx: UnitEpisodeContext,
  duration: number,
  min: number,
  max: number,
): number {
  return ctx.exitDay - random.int(min, Math.max(min, Math.min(max, duration - 8)));
}

function lastPlacementPlan(random: SeededRandom, ctx: UnitEpisodeContext, duration: number): LastPlan | null {
  switch (ctx.exitReason) {
    case ExitReason.reunification: {
      if (duration <= 45 || !random.chance(settings.trialHomeVisitShare)) return null;
      const days = Math.min(
        duration - 14,
        Math.max(14, Math.round(random.logNormal(settings.trialHomeVisitMedianDays, 0.6))),
      );
      return { startDay: ctx.exitDay - days, setting: Setting.trialHomeVisit, sameHome: false };
    }
    case ExitReason.adoption: {
      const r = random.next();
      if (r < settings.preAdoptiveRedesignation)
        return {
          startDay: daysBeforeExit(random, ctx, duration, 60, 180),
          setting: Setting.preAdoptiveHome,
          sameHome: true,
        };
      if (r < settings.preAdoptiveRedesignation + settings.preAdoptiveMove)
        return {
          startDay: daysBeforeExit(random, ctx, duration, 120, 365),
          setting: Setting.preAdoptiveHome,
          sameHome: false,
        };
      return null;
    }
    case ExitReason.guardianship:
    case ExitReason.relative:
      return random.chance(settings.relativeHomeAtKinExit)
        ? {
            startDay: daysBeforeExit(random, ctx, duration, 60, 240),
            setting: Setting.relativeFamilyHome,
            sameHome: false,
          }
        : null;
    case ExitReason.emancipation:
      return random.chance(settings.independentLivingBeforeAgingOut)
        ? {
            startDay: daysBeforeExit(random, ctx, duration, 90, 365),
            setting: Setting.supervisedIndependentLiving,
            sameHome: false,
          }
        : null;
    case ExitReason.runaway:
      return { startDay: daysBeforeExit(random, ctx, duration, 30, 120), setting: Setting.runaway, sameHome: false };
    default:
      return null;
  }
}

/**
 * The planned last placement, when it still fits: not already in that
 * setting, and a resource family that stays open to the exit. Returns false
 * when it does not (the moves then simply go on to the exit).
 */
function appendLastPlacement(
  homes: HomeRegistry,
  random: SeededRandom,
  ctx: UnitEpisodeContext,
  placements: UnitPlacement[],
  last: LastPlan,
): boolean {
  const current = placements[placements.length - 1];
  if (last.startDay <= current.startDay || current.setting === last.setting || current.setting === Setting.runaway)
    return false;
  const lastDay = Math.min(ctx.exitDay, ctx.asOfDay);
  if (last.sameHome) {
    // Re-designating the foster home as pre-adoptive (the child stays) — if the family stays open to the adoption;
    // a relative adopting keeps the relative home.
    if (current.setting !== Setting.nonrelativeFamilyHome || homes.closureOf(current.homeKey) <= lastDay) return false;
    placements.push({
      startDay: last.startDay,
      setting: last.setting,
      changeKind: ChangeKind.planned,
      homeKey: current.homeKey,
    });
    return true;
  }
  if (last.setting === Setting.preAdoptiveHome) {
    const homeKey = homes.pickFamilyHome(ctx.county, last.startDay, lastDay);
    if (homeKey < 0) return false;
    placements.push({ startDay: last.startDay, setting: last.setting, changeKind: ChangeKind.planned, homeKey });
    return true;
  }
  placements.push(place(random, homes, ctx, last.startDay, last.setting, ChangeKind.planned));
  return true;
}

/**
 * A placement in a setting, with its home: the county's pool for resource
 * families, a facility for congregate care, the parents' home for a trial home
 * visit; relatives' homes are made once the placement's end is known.
 */
function place(
  _random: SeededRandom,
  homes: HomeRegistry,
  ctx: UnitEpisodeContext,
  day: number,
  setting: number,
  changeKind: number,
): UnitPlacement {
  let homeKey = -1;
  if (setting === Setting.nonrelativeFamilyHome || setting === Setting.preAdoptiveHome)
    homeKey = homes.pickFamilyHome(ctx.county, day);
  else if (setting === Setting.groupHome) homeKey = homes.pickFacility(ctx.county, "group_home");
  else if (setting === Setting.institution) homeKey = homes.pickFacility(ctx.county, "institution");
  else if (setting === Setting.trialHomeVisit) homeKey = ctx.parentsHome;
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
    while (
      placements[lastOfHome + 1]?.setting === Setting.runaway &&
      placements[lastOfHome + 2]?.homeKey === SAME_KIN_HOME
    )
      lastOfHome += 2;
    const next = placements[lastOfHome + 1];
    const end = next ? next.startDay : ctx.exitDay > ctx.asOfDay ? NO_DAY : ctx.exitDay;
    const key = homes.kinHome(
      ctx.county,
      p.startDay,
      end,
      next ? { move: true } : { move: false, exitReason: ctx.exitReason },
    );
    for (let k = i; k <= lastOfHome; k += 2) placements[k].homeKey = key;
  }
}
