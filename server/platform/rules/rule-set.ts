import type { Selectable } from "kysely";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { ExclusionCode, PracticeRuleTable, RuleTrigger } from "./tables.js";
import { addCalendarDays, zonedInstant } from "./zoned-time.js";

export type PracticeRule = Selectable<PracticeRuleTable>;

/**
 * The rules of a state's rule set that apply to an event of `triggers` on
 * `day`: the row whose effective range covers the day. A later change of rule
 * does not touch tasks already created (they keep their rule_id).
 */
export async function rulesApplicableOn(
  db: Kysely<Database>,
  stateCode: string,
  triggers: RuleTrigger[],
  day: string,
  icwa: boolean,
): Promise<PracticeRule[]> {
  if (triggers.length === 0) return [];
  return db
    .selectFrom("practice_rule")
    .selectAll()
    .where("state_code", "=", stateCode)
    .where("trigger", "in", triggers)
    .where("applies_to", "in", ["all", icwa ? "icwa" : "non_icwa"])
    .where((eb) => eb.or([eb("effective_from", "is", null), eb("effective_from", "<=", day)]))
    .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", day)]))
    .orderBy("practice")
    .execute();
}

export interface EventTime {
  /** The calendar day of the event in the site's zone. */
  day: string;
  /** The instant of the event, when known; else the start of `day` in the site's zone. */
  instant: Date | null;
  timeZone: string;
}

/**
 * A rule's deadline for one event. Deadlines in hours are instants counted
 * from the event's instant; deadlines in days are calendar days in the site's
 * zone (ENGINEERING.md "Dates"), before or after the event's day.
 */
export function deadlineOf(
  rule: Pick<PracticeRule, "due_amount" | "due_unit" | "due_direction">,
  event: EventTime,
): { dueAt: Date | null; dueOn: string | null } {
  const sign = rule.due_direction === "before" ? -1 : 1;
  if (rule.due_unit === "hours") {
    const start = event.instant ?? zonedInstant(event.day, "00:00", event.timeZone);
    return { dueAt: new Date(start.getTime() + sign * rule.due_amount * 3_600_000), dueOn: null };
  }
  return { dueAt: null, dueOn: addCalendarDays(event.day, sign * rule.due_amount) };
}

/** The exclusions of a rule that hold for this event (a task is then recorded as not required). */
export function exclusionsThatHold(
  rule: Pick<PracticeRule, "exclusions">,
  facts: ReadonlySet<ExclusionCode>,
): ExclusionCode[] {
  return rule.exclusions.filter((e) => facts.has(e));
}

/** The state a site belongs to, and its zone. */
export async function siteJurisdiction(db: Kysely<Database>, siteId: string) {
  return db.selectFrom("site").select(["state_code", "time_zone"]).where("id", "=", siteId).executeTakeFirstOrThrow();
}

export const todayIn = (db: Kysely<Database>, timeZone: string) =>
  sql<string>`to_char((now() AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD')`.execute(db).then((r) => r.rows[0]);
