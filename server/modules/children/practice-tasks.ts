import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import {
  deadlineOf,
  exclusionsThatHold,
  holidaysAround,
  type PracticeRule,
  rulesApplicableOn,
} from "../../platform/rules/rule-set.js";
import type { ExclusionCode, RuleTrigger } from "../../platform/rules/tables.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import "./tables.js";

export interface PlacementEvent {
  placementId: string;
  childId: string;
  siteId: string;
  stateCode: string;
  timeZone: string;
  icwa: boolean;
  householdId: string | null;
  setting: string;
  startDate: string;
  startedAt: Date | null;
  changeKind: "initial" | "planned" | "emergency" | "unplanned";
  /** Exclusions the caseworker recorded (expedited TPR, incarcerated parent, contrary to safety). */
  exclusions: ExclusionCode[];
}

/** The triggers a placement event fires (QPI: every placement or move; some rules only the first or only moves). */
export function triggersOf(changeKind: PlacementEvent["changeKind"]): RuleTrigger[] {
  const triggers: RuleTrigger[] = ["any_placement", changeKind === "initial" ? "initial_placement" : "later_placement"];
  if (changeKind === "planned") triggers.push("planned_move");
  if (changeKind === "emergency") triggers.push("emergency_move");
  return triggers;
}

/** Facts that make a rule's exclusion hold, derived from the placement plus what the caseworker recorded. */
export function exclusionFacts(event: Pick<PlacementEvent, "setting" | "exclusions">): Set<ExclusionCode> {
  const facts = new Set<ExclusionCode>(event.exclusions);
  // Florida's icebreaker process excludes children placed with relatives and children in group care.
  if (event.setting === "relative_family_home") facts.add("placed_with_relatives");
  if (event.setting === "group_home" || event.setting === "institution") facts.add("group_care");
  return facts;
}

async function insertTask(
  trx: Transaction<Database>,
  rule: PracticeRule,
  base: { childId: string; siteId: string; placementId?: string | null; hearingId?: string | null; originKey: string },
  due: { dueAt: Date | null; dueOn: string | null },
  excluded: ExclusionCode[],
) {
  return trx
    .insertInto("practice_task")
    .values({
      child_id: base.childId,
      site_id: base.siteId,
      placement_id: base.placementId ?? null,
      hearing_id: base.hearingId ?? null,
      rule_id: rule.id,
      practice: rule.practice,
      origin_key: base.originKey,
      due_at: due.dueAt,
      due_on: due.dueOn,
      status: excluded.length ? "not_required" : "open",
      not_required_reason: excluded.length ? excluded.join(",") : null,
      completed_at: null,
      completed_by: null,
      outcome: null,
      content: "{}",
      reminded_at: null,
    })
    .onConflict((oc) => oc.column("origin_key").doNothing())
    .returning(["id", "practice", "status"])
    .executeTakeFirst();
}

/** Whether a sibling of the child is in care now somewhere else (siblings are relations to the sibling's person). */
async function hasSeparatedSibling(
  trx: Transaction<Database>,
  childId: string,
  householdId: string | null,
  onDay: string,
) {
  const row = await trx
    .selectFrom("child_relation as cr")
    .innerJoin("child as sib", "sib.person_id", "cr.person_id")
    .innerJoin("placement as sp", "sp.child_id", "sib.id")
    .select(sql<number>`1`.as("one"))
    .where("cr.child_id", "=", childId)
    .where("cr.kind", "in", ["sibling_full", "sibling_half", "sibling_step"])
    .where("sp.start_date", "<=", onDay)
    .where((eb) => eb.or([eb("sp.end_date", "is", null), eb("sp.end_date", ">", onDay)]))
    .where((eb) =>
      householdId ? eb.or([eb("sp.household_id", "is", null), eb("sp.household_id", "!=", householdId)]) : eb.val(true),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Creates the tasks a placement event requires under the rules that applied
 * on the placement's first day. An exclusion that holds records the task as
 * not required (with the reason), so timeliness reports can tell "skipped by
 * rule" from "forgotten".
 */
export async function createPlacementTasks(trx: Transaction<Database>, event: PlacementEvent) {
  const triggers = triggersOf(event.changeKind);
  if (await hasSeparatedSibling(trx, event.childId, event.householdId, event.startDate))
    triggers.push("siblings_separated");
  const rules = await rulesApplicableOn(
    trx,
    { stateCode: event.stateCode, siteId: event.siteId },
    triggers,
    event.startDate,
    event.icwa,
  );
  const facts = exclusionFacts(event);
  const holidays = await holidaysAround(trx, event.stateCode, rules, event.startDate);
  const created = [];
  for (const rule of rules) {
    const due = deadlineOf(rule, {
      day: event.startDate,
      instant: event.startedAt,
      timeZone: event.timeZone,
      holidays,
    });
    const task = await insertTask(
      trx,
      rule,
      {
        childId: event.childId,
        siteId: event.siteId,
        placementId: event.placementId,
        originKey: `placement:${event.placementId}:${rule.practice}`,
      },
      due,
      exclusionsThatHold(rule, facts),
    );
    if (task) created.push(task);
  }
  return created;
}

/** A hearing's tasks: the caregiver's notice and the caregiver's report, each due before the hearing. */
export async function createHearingTasks(
  trx: Transaction<Database>,
  hearing: {
    id: string;
    childId: string;
    siteId: string;
    stateCode: string;
    timeZone: string;
    icwa: boolean;
    hearingOn: string;
    createdOn: string;
  },
) {
  const rules = await rulesApplicableOn(
    trx,
    { stateCode: hearing.stateCode, siteId: hearing.siteId },
    ["hearing"],
    hearing.createdOn,
    hearing.icwa,
  );
  const holidays = await holidaysAround(trx, hearing.stateCode, rules, hearing.hearingOn);
  const created = [];
  for (const rule of rules) {
    const due = deadlineOf(rule, { day: hearing.hearingOn, instant: null, timeZone: hearing.timeZone, holidays });
    const task = await insertTask(
      trx,
      rule,
      {
        childId: hearing.childId,
        siteId: hearing.siteId,
        hearingId: hearing.id,
        originKey: `hearing:${hearing.id}:${rule.practice}`,
      },
      due,
      [],
    );
    if (task) created.push(task);
  }
  return created;
}

/**
 * A repeating practice (sibling visits, monthly) gets its next task when one is completed, while the child is in care.
 */
export async function createNextRepeat(
  trx: Transaction<Database>,
  task: { id: string; child_id: string; site_id: string; placement_id: string | null; rule_id: string },
  completedOn: string,
) {
  const rule = await trx
    .selectFrom("practice_rule")
    .selectAll()
    .where("id", "=", task.rule_id)
    .executeTakeFirstOrThrow();
  if (!rule.repeat_days || !task.placement_id) return null;
  const open = await trx
    .selectFrom("placement")
    .select("id")
    .where("id", "=", task.placement_id)
    .where("end_date", "is", null)
    .executeTakeFirst();
  if (!open) return null;
  return insertTask(
    trx,
    rule,
    { childId: task.child_id, siteId: task.site_id, placementId: task.placement_id, originKey: `repeat:${task.id}` },
    { dueAt: null, dueOn: addCalendarDays(completedOn, rule.repeat_days) },
    [],
  );
}

/**
 * Completes a placement's open task of a practice done by signatures (the partnership plan, once the caregiver and
 * the case-management representative have both signed): at the last signature, by its signer. Called by the
 * partnership module inside its own transaction, after the children module's gate let it reach the child.
 */
export async function completeSignedPractice(
  trx: Transaction<Database>,
  signed: { placementId: string; practice: string; at: Date; by: string },
) {
  const rows = await trx
    .updateTable("practice_task")
    .set((eb) => ({
      status: "completed",
      completed_at: signed.at,
      completed_by: signed.by,
      outcome: "signed",
      version: eb("version", "+", 1),
    }))
    .where("placement_id", "=", signed.placementId)
    .where("practice", "=", signed.practice)
    .where("status", "=", "open")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("practice_kind")
          .select("code")
          .whereRef("practice_kind.code", "=", "practice_task.practice")
          .where("completion", "=", "signatures"),
      ),
    )
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}
