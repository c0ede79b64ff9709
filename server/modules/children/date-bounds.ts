import { AppError } from "../../platform/errors/app-error.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";

/**
 * Dates that cannot be right, or are very likely mistyped (a year off, a month and a day swapped), are refused with
 * a message naming the field; the unlikely-but-possible ones are accepted when the worker confirms them
 * (`confirmUnusualDate: true`). These bounds guard data entry, not practice: no law sets them, so they live here
 * rather than in the jurisdiction rule sets. `today` is the child's site day.
 */
const HEARING_PAST_DAYS = 30;
const HEARING_AHEAD_DAYS = 2 * 365;
const TEAM_AHEAD_DAYS = 365;

const refuse = (field: string, messageKey: string, params: Record<string, string> = {}) =>
  new AppError("validation", "error.validation", {}, [{ field, messageKey, params }]);

/** A hearing more than 30 days ago or more than 2 years ahead: refused unless confirmed. */
export function checkHearingDate(hearingOn: string, today: string, confirmed: boolean) {
  if (confirmed) return;
  if (hearingOn < addCalendarDays(today, -HEARING_PAST_DAYS))
    throw refuse("hearingOn", "practice.date.hearing_long_past", { date: hearingOn });
  if (hearingOn > addCalendarDays(today, HEARING_AHEAD_DAYS))
    throw refuse("hearingOn", "practice.date.hearing_far_ahead", { date: hearingOn });
}

/** A team member cannot start before the child was born; more than a year ahead is refused unless confirmed. */
export function checkTeamStart(startsOn: string, birthDate: string | null, today: string, confirmed: boolean) {
  if (birthDate && startsOn < birthDate) throw refuse("startsOn", "practice.date.team_before_birth", { birthDate });
  if (!confirmed && startsOn > addCalendarDays(today, TEAM_AHEAD_DAYS))
    throw refuse("startsOn", "practice.date.team_far_ahead", { date: startsOn });
}

/** A removal is recorded once it has happened: never on a later day than the site's today. */
export function checkRemovalDate(removalDate: string, today: string) {
  if (removalDate > today) throw refuse("removalDate", "practice.date.removal_in_future", { today });
}
