import type { Selectable } from "kysely";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import { addBusinessDays } from "./business-days.js";
import type { ExclusionCode, PracticeRuleTable, RuleTrigger } from "./tables.js";
import { addCalendarDays, zonedInstant } from "./zoned-time.js";

export type PracticeRule = Selectable<PracticeRuleTable>;

/**
 * The rules that apply to an event of `triggers` at a site on `day`: its state's rules (law, regulation, guidance)
 * and the site's own settings, each the row whose effective range covers the day. One task per practice: a site's
 * own setting comes before the state's row for the same practice (it may only be stricter, see the rule service),
 * and a setting of this site before an older site-layer row that has no site. A later change of rule does not touch
 * tasks already created (they keep their rule_id).
 */
export async function rulesApplicableOn(
  db: Kysely<Database>,
  place: { stateCode: string; siteId: string | null },
  triggers: RuleTrigger[],
  day: string,
  icwa: boolean,
): Promise<PracticeRule[]> {
  if (triggers.length === 0) return [];
  const rows = await db
    .selectFrom("practice_rule")
    .selectAll()
    .where("state_code", "=", place.stateCode)
    .where((eb) =>
      place.siteId ? eb.or([eb("site_id", "is", null), eb("site_id", "=", place.siteId)]) : eb("site_id", "is", null),
    )
    .where("trigger", "in", triggers)
    .where("applies_to", "in", ["all", icwa ? "icwa" : "non_icwa"])
    .where((eb) => eb.or([eb("effective_from", "is", null), eb("effective_from", "<=", day)]))
    .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", day)]))
    .orderBy("practice")
    .orderBy(sql`site_id IS NULL`)
    .orderBy(sql`layer = 'site'`, "desc")
    .orderBy("trigger")
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.practice) && seen.add(r.practice));
}

export interface EventTime {
  /** The calendar day of the event in the site's zone. */
  day: string;
  /** The instant of the event, when known; else the start of `day` in the site's zone. */
  instant: Date | null;
  timeZone: string;
  /** The state's court holidays around the event (business-day deadlines skip them); see holidaysAround. */
  holidays?: ReadonlySet<string>;
}

/**
 * A rule's deadline for one event. Deadlines in hours are instants counted
 * from the event's instant; deadlines in days are calendar days in the site's
 * zone (ENGINEERING.md "Dates"), before or after the event's day; business days skip weekends and the state's
 * court holidays (the event's day in the site's zone is the day counted from).
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
  if (rule.due_unit === "business_days")
    return { dueAt: null, dueOn: addBusinessDays(event.day, sign * rule.due_amount, event.holidays ?? new Set()) };
  return { dueAt: null, dueOn: addCalendarDays(event.day, sign * rule.due_amount) };
}

/**
 * The court holidays of a state near an event's day: enough calendar days on either side for the longest
 * business-day deadline of `rules` (a business day is at least every third calendar day even around a holiday
 * weekend, and the table never lists more than a few holidays a week). Empty when no rule counts business days.
 */
export async function holidaysAround(
  db: Kysely<Database>,
  stateCode: string,
  rules: Pick<PracticeRule, "due_amount" | "due_unit">[],
  day: string,
): Promise<Set<string>> {
  const longest = Math.max(0, ...rules.filter((r) => r.due_unit === "business_days").map((r) => r.due_amount));
  if (longest === 0) return new Set();
  const span = longest * 3 + 14;
  const rows = await db
    .selectFrom("court_holiday")
    .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day"))
    .where("state_code", "=", stateCode)
    .where("day", ">=", addCalendarDays(day, -span))
    .where("day", "<=", addCalendarDays(day, span))
    .execute();
  return new Set(rows.map((r) => r.day));
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

type Deadline = Pick<PracticeRule, "due_amount" | "due_unit" | "due_direction" | "repeat_days" | "exclusions">;

/** A deadline's length in hours, to compare a day deadline with an hour one (a day counts 24 hours). */
const hoursOf = (d: Pick<PracticeRule, "due_amount" | "due_unit">) => d.due_amount * (d.due_unit === "days" ? 24 : 1);

/**
 * The first field in which a site's setting would loosen a state minimum for the same practice and event, or null
 * when it is as strict or stricter. A site may act sooner (a shorter deadline after the event, a longer notice
 * before it), repeat more often and spare fewer children; never the other way (issue: "site settings ... never able
 * to loosen a state minimum").
 */
export function loosenedField(
  site: Deadline,
  state: Deadline,
): { field: "dueDirection" | "dueAmount" | "repeatDays" | "exclusions"; stateValue: string } | null {
  if (site.due_direction !== state.due_direction) return { field: "dueDirection", stateValue: state.due_direction };
  const stateDue = `${state.due_amount} ${state.due_unit} ${state.due_direction}`;
  if (state.due_direction === "after" ? hoursOf(site) > hoursOf(state) : hoursOf(site) < hoursOf(state))
    return { field: "dueAmount", stateValue: stateDue };
  if (state.repeat_days !== null && (site.repeat_days === null || site.repeat_days > state.repeat_days))
    return { field: "repeatDays", stateValue: String(state.repeat_days) };
  const extra = site.exclusions.filter((e) => !state.exclusions.includes(e));
  if (extra.length) return { field: "exclusions", stateValue: state.exclusions.join(", ") || "—" };
  return null;
}
