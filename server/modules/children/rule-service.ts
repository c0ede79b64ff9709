import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import type { Permission } from "../../platform/access/permissions.js";
import { hasPermission, heldPermissions, requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { type PracticeRuleTable, practices } from "../../platform/rules/tables.js";
import { mapDatabaseError } from "./database-errors.js";
import { ruleRepository } from "./rule-repository.js";
import type { RuleCreate } from "./rule-schema.js";

const toView = (r: Selectable<PracticeRuleTable>) => ({
  id: r.id,
  stateCode: r.state_code,
  practice: r.practice,
  trigger: r.trigger,
  appliesTo: r.applies_to,
  dueAmount: r.due_amount,
  dueUnit: r.due_unit,
  dueDirection: r.due_direction,
  repeatDays: r.repeat_days,
  exclusions: r.exclusions,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  effectiveNote: r.effective_note,
  effectiveNoteEs: r.effective_note_es,
  layer: r.layer,
  sourceUrl: r.source_url,
  sourceNote: r.source_note,
  sourceNoteEs: r.source_note_es,
  version: r.version,
});

/** The states of the sites where the actor holds a permission. */
function statesWhere(db: Kysely<Database>, actor: Actor, permission: Permission) {
  return ruleRepository(db).statesOf([...new Set(heldPermissions(actor, permission).map((p) => p.siteId))]);
}

/** Rule sets are public policy: staff of a site read their state's; a QPI coordinator (rules:manage) edits them. */
export function ruleService(db: Kysely<Database>) {
  return {
    async list(actor: Actor, state?: string) {
      requireAccess(actor, "network:read");
      const states = await statesWhere(db, actor, "network:read");
      const stateCode = state ?? states[0];
      if (!stateCode || !states.includes(stateCode)) throw new AppError("not_found");
      const rules = await ruleRepository(db).rulesOf(stateCode);
      const canManage =
        hasPermission(actor, "rules:manage") && (await statesWhere(db, actor, "rules:manage")).includes(stateCode);
      return { stateCode, canManage, rules: rules.map(toView) };
    },

    /**
     * Every state's rule set on the actor's day, with the court-holiday coverage per year. Rule sets and holidays
     * are public policy (no child data), so nothing is audited; the page is for those who compare states.
     */
    async coverage(actor: Actor) {
      requireAccess(actor, "rules:coverage");
      const onDay = Object.values(actor.siteDays).sort()[0] ?? new Date().toISOString().slice(0, 10);
      const repo = ruleRepository(db);
      const [states, rules, holidays] = await Promise.all([
        repo.coveredStates(),
        repo.rulesInForceOn(onDay),
        repo.holidayCounts(),
      ]);
      const thisYear = Number(onDay.slice(0, 4));
      const years = holidays.map((h) => h.year);
      const first = Math.min(thisYear, ...years);
      const last = Math.max(thisYear, ...years);
      return {
        onDay,
        states,
        practices: [...practices],
        rules: rules.map(toView),
        holidayYears: Array.from({ length: last - first + 1 }, (_, i) => first + i),
        holidays: holidays.map((h) => ({
          stateCode: h.state_code,
          year: h.year,
          count: h.count,
          sourceUrl: h.source_url,
          sourceNote: h.source_note,
        })),
      };
    },

    /**
     * Adds a rule version. The version in force on the new effective date ends
     * the day before; tasks already created keep the rule they were made under.
     */
    async add(actor: Actor, input: z.infer<typeof RuleCreate>) {
      requireAccess(actor, "rules:manage");
      if (!(await statesWhere(db, actor, "rules:manage")).includes(input.stateCode))
        throw new AppError("forbidden", "practice.rule.not_in_state");
      const mapError = (error: unknown) => mapDatabaseError(error);
      return inAccessTransaction(db, actor, "rules:manage", { mapError }, async (trx) => {
        const repo = ruleRepository(trx);
        const key = {
          state_code: input.stateCode,
          practice: input.practice,
          trigger: input.trigger,
          applies_to: input.appliesTo,
        };
        const ending = await repo.lockVersionsFrom(key, input.effectiveFrom);
        for (const rule of ending)
          if (rule.effective_from !== null && rule.effective_from >= input.effectiveFrom)
            throw new AppError("conflict", "practice.rule.overlap", { date: rule.effective_from });
        // Backdated: before the earliest of the actor's site days, the version in force then ends on a day already
        // lived under it. Only a confirmation naming that version lets it end (tasks made under it keep their dues).
        const today = Object.values(actor.siteDays).sort()[0];
        const inForce = ending[0];
        if (inForce && today && input.effectiveFrom < today && input.confirmEndsVersion !== inForce.id) {
          throw new AppError("validation", "error.validation", {}, [
            {
              field: "confirmEndsVersion",
              messageKey: "practice.rule.backdated_confirm",
              params: {
                date: input.effectiveFrom,
                from: inForce.effective_from ?? inForce.effective_note ?? "",
                due: `${inForce.due_amount} ${inForce.due_unit}`,
                id: inForce.id,
              },
            },
          ]);
        }
        for (const rule of ending) await repo.endBefore(rule.id, input.effectiveFrom);
        const created = await repo.insert({
          ...key,
          due_amount: input.dueAmount,
          due_unit: input.dueUnit,
          due_direction: input.dueDirection,
          repeat_days: input.repeatDays,
          exclusions: input.exclusions,
          effective_from: input.effectiveFrom,
          // A new version stays in the layer of the version it follows (a site setting stays a site setting).
          layer: inForce?.layer ?? "state",
          effective_to: null,
          source_url: input.sourceUrl,
          source_note: input.sourceNote,
          source_note_es: input.sourceNoteEs ?? null,
          created_by: actor.userId,
        });
        await recordAudit(trx, actor, {
          action: "practice_rule.add",
          entityType: "practice_rule",
          entityId: created.id,
          outcome: "success",
        });
        return toView(created);
      });
    },
  };
}
