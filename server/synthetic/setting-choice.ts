import { ChangeKind, ExitReason, isCongregate, Setting } from "../modules/outcomes/index.js";
import { moveKindMix, settings } from "./calibration.js";
import { cumulativeOf, type SeededRandom } from "./random.js";
import { ageGroupOf } from "./time-in-care.js";

/** The settings of calibration.settings.byAgeGroup, in its column order. */
const settingCodes = [
  Setting.preAdoptiveHome,
  Setting.relativeFamilyHome,
  Setting.nonrelativeFamilyHome,
  Setting.groupHome,
  Setting.institution,
  Setting.supervisedIndependentLiving,
];
const moveKindCumulative = cumulativeOf(Object.values(moveKindMix));
const moveKinds = [ChangeKind.planned, ChangeKind.unplanned, ChangeKind.emergency];
/** Children who will leave to relatives or guardianship are placed with relatives more often [assumed]. */
const KIN_BOUND_RELATIVE_TILT = 1.5;
/** Congregate care at a move relative to the age table [fit: point-in-time congregate share]. */
const CONGREGATE_AT_MOVE = 1.1;

export interface SettingContext {
  removalDay: number;
  exitReason: number;
  /** Age of the unit's youngest child on the removal day. */
  youngestAgeDays: number;
}

export function firstSetting(random: SeededRandom, ctx: SettingContext, day: number): number {
  return settingFor(random, ctx, day, 1);
}

/** From congregate care most moves step down to a family; otherwise the age table again. */
export function nextSetting(random: SeededRandom, ctx: SettingContext, from: number, day: number): number {
  if (isCongregate(from) && random.chance(settings.stepDownToFamily)) {
    return random.chance(0.4) ? Setting.relativeFamilyHome : Setting.nonrelativeFamilyHome;
  }
  return settingFor(random, ctx, day, CONGREGATE_AT_MOVE);
}

export function pickMoveKind(random: SeededRandom): number {
  return moveKinds[random.pickCumulative(moveKindCumulative)];
}

/**
 * A setting by the age table, tilted toward relatives when the exit will be to kin, and toward or away from congregate
 * care.
 */
function settingFor(random: SeededRandom, ctx: SettingContext, day: number, congregateWeight: number): number {
  const weights = settings.byAgeGroup[ageGroupOf(ctx.youngestAgeDays + day - ctx.removalDay)];
  const kinBound = ctx.exitReason === ExitReason.relative || ctx.exitReason === ExitReason.guardianship;
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += tilt(weights[i], settingCodes[i], kinBound, congregateWeight);
  let r = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= tilt(weights[i], settingCodes[i], kinBound, congregateWeight);
    if (r < 0) return settingCodes[i];
  }
  return Setting.nonrelativeFamilyHome;
}

function tilt(weight: number, code: number, kinBound: boolean, congregateWeight: number): number {
  return (
    weight *
    (code === Setting.relativeFamilyHome && kinBound ? KIN_BOUND_RELATIVE_TILT : 1) *
    (isCongregate(code) ? congregateWeight : 1)
  );
}
