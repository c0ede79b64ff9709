import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import type { Permission } from "../../platform/access/permissions.js";
import { hasPermission, heldPermissions, requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { PracticeRuleTable } from "../../platform/rules/tables.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import { mapDatabaseError } from "./database-errors.js";
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
  sourceUrl: r.source_url,
  sourceNote: r.source_note,
  version: r.version,
});

/** The states of the sites where the actor holds a permission. */
async function statesWhere(db: Kysely<Database>, actor: Actor, permission: Permission) {
  const sites = [...new Set(heldPermissions(actor, permission).map((p) => p.siteId))];
  if (sites.length === 0) return [];
  const rows = await db.selectFrom("site").select("state_code").distinct().where("id", "in", sites).execute();
  return rows.map((r) => r.state_code);
}

/** Rule sets are public policy: staff of a site read their state's; a QPI coordinator (rules:manage) edits them. */
export function ruleService(db: Kysely<Database>) {
  return {
    async list(actor: Actor, state?: string) {
      requireAccess(actor, "network:read");
      const states = await statesWhere(db, actor, "network:read");
      const stateCode = state ?? states[0];
      if (!stateCode || !states.includes(stateCode)) throw new AppError("not_found");
      const rules = await db
        .selectFrom("practice_rule")
        .selectAll()
        .where("state_code", "=", stateCode)
        .orderBy("practice")
        .orderBy("trigger")
        .orderBy("effective_from", "desc")
        .execute();
      const canManage =
        hasPermission(actor, "rules:manage") && (await statesWhere(db, actor, "rules:manage")).includes(stateCode);
      return { stateCode, canManage, rules: rules.map(toView) };
    },

    /**
     * Adds a rule version. The version in force on the new effective date ends
     * the day before; tasks already created keep the rule they were made under.
     */
    async add(actor: Actor, input: z.infer<typeof RuleCreate>) {
      requireAccess(actor, "rules:manage");
      if (!(await statesWhere(db, actor, "rules:manage")).includes(input.stateCode))
        throw new AppError("forbidden", "practice.rule.not_in_state");
      try {
        return await db.transaction().execute(async (trx) => {
          const current = await trx
            .selectFrom("practice_rule")
            .selectAll()
            .where("state_code", "=", input.stateCode)
            .where("practice", "=", input.practice)
            .where("trigger", "=", input.trigger)
            .where("applies_to", "=", input.appliesTo)
            .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", input.effectiveFrom)]))
            .orderBy("effective_from", "desc")
            .forUpdate()
            .execute();
          for (const rule of current) {
            if (rule.effective_from >= input.effectiveFrom)
              throw new AppError("conflict", "practice.rule.overlap", { date: rule.effective_from });
            await trx
              .updateTable("practice_rule")
              .set((eb) => ({ effective_to: addCalendarDays(input.effectiveFrom, -1), version: eb("version", "+", 1) }))
              .where("id", "=", rule.id)
              .execute();
          }
          const created = await trx
            .insertInto("practice_rule")
            .values({
              state_code: input.stateCode,
              practice: input.practice,
              trigger: input.trigger,
              applies_to: input.appliesTo,
              due_amount: input.dueAmount,
              due_unit: input.dueUnit,
              due_direction: input.dueDirection,
              repeat_days: input.repeatDays,
              exclusions: input.exclusions,
              effective_from: input.effectiveFrom,
              effective_to: null,
              source_url: input.sourceUrl,
              source_note: input.sourceNote,
              created_by: actor.userId,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordAudit(trx, actor, {
            action: "practice_rule.add",
            entityType: "practice_rule",
            entityId: created.id,
            outcome: "success",
          });
          return toView(created);
        });
      } catch (error) {
        if (error instanceof AppError) throw error;
        mapDatabaseError(error);
      }
    },
  };
}
