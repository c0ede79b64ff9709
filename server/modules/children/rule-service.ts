import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import type { Permission } from "../../platform/access/permissions.js";
import { hasPermission, heldPermissions, requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, type FieldProblem } from "../../platform/errors/app-error.js";
import { loosenedField } from "../../platform/rules/rule-set.js";
import type { PracticeRuleTable } from "../../platform/rules/tables.js";
import { mapDatabaseError } from "./database-errors.js";
import { ruleRepository } from "./rule-repository.js";
import type { PracticeKindCreate, RuleCreate } from "./rule-schema.js";

type RuleRow = Selectable<PracticeRuleTable> & { site_name?: string | null };

const toView = (r: RuleRow) => ({
  id: r.id,
  stateCode: r.state_code,
  siteId: r.site_id,
  siteName: r.site_name ?? null,
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

const label = (r: { label_en: string; label_es: string }) => ({ en: r.label_en, es: r.label_es });

const sitesHolding = (actor: Actor, permission: Permission) => [
  ...new Set(heldPermissions(actor, permission).map((p) => p.siteId)),
];

/** The states of the sites where the actor holds a permission. */
function statesWhere(db: Kysely<Database>, actor: Actor, permission: Permission) {
  return ruleRepository(db).statesOf(sitesHolding(actor, permission));
}

const invalid = (field: string, messageKey: string, params: Record<string, string> = {}): never => {
  const problem: FieldProblem = { field, messageKey, params };
  throw new AppError("validation", "error.validation", {}, [problem]);
};

/**
 * Rule sets are public policy: staff of a site read their state's rules and its sites' settings. A QPI coordinator
 * (rules:manage at a site) edits only that site's settings and adds the site's own practices; the state's law rows
 * change by migration, with their sources, and a site setting never loosens them.
 */
export function ruleService(db: Kysely<Database>) {
  /** The site of the state whose settings the actor edits: the one named, or the only one the actor manages. */
  async function managedSite(actor: Actor, stateCode: string, siteId: string | undefined) {
    requireAccess(actor, "rules:manage");
    const sites = await ruleRepository(db).sitesInState(sitesHolding(actor, "rules:manage"), stateCode);
    // A named site the actor does not manage is out of reach (404), in this state or another.
    if (sites.length === 0 && siteId !== undefined) throw new AppError("not_found");
    if (sites.length === 0) throw new AppError("forbidden", "practice.rule.not_in_state");
    if (siteId === undefined) {
      if (sites.length > 1) invalid("siteId", "validation.required");
      return sites[0];
    }
    // Another site's settings are out of reach: 404, as for any record of a site the actor does not manage.
    const site = sites.find((s) => s.id === siteId);
    if (!site) throw new AppError("not_found");
    return site;
  }

  return {
    async list(actor: Actor, state?: string) {
      requireAccess(actor, "network:read");
      const states = await statesWhere(db, actor, "network:read");
      const stateCode = state ?? states[0];
      if (!stateCode || !states.includes(stateCode)) throw new AppError("not_found");
      const repo = ruleRepository(db);
      const [rules, kinds, triggers, exclusions, recipients] = await Promise.all([
        repo.rulesOf(stateCode),
        repo.kindsOf(stateCode),
        repo.triggers(),
        repo.exclusions(),
        repo.recipients(),
      ]);
      const manageSites = hasPermission(actor, "rules:manage")
        ? await repo.sitesInState(sitesHolding(actor, "rules:manage"), stateCode)
        : [];
      return {
        stateCode,
        canManage: manageSites.length > 0,
        manageSites,
        rules: rules.map(toView),
        vocabulary: {
          kinds: kinds.map((k) => ({
            code: k.code,
            label: label(k),
            description: { en: k.description_en, es: k.description_es },
            stateCode: k.state_code,
            siteId: k.site_id,
            completion: k.completion,
            recipients: k.recipients,
          })),
          triggers: triggers.map((t) => ({ code: t.code, label: label(t), allowsBefore: t.allows_before })),
          exclusions: exclusions.map((e) => ({ code: e.code, label: label(e) })),
          recipients: recipients.map((r) => ({ code: r.code, label: label(r) })),
        },
      };
    },

    /**
     * Every state's rule set on the actor's day, with the court-holiday coverage per year. Rule sets and holidays
     * are public policy (no child data), so nothing is audited; the page is for those who compare states.
     */
    async coverage(actor: Actor) {
      requireAccess(actor, "rules:coverage");
      const onDay = Object.values(actor.siteDays).sort()[0] ?? new Date().toISOString().slice(0, 10);
      const repo = ruleRepository(db);
      const [states, rules, holidays, practices] = await Promise.all([
        repo.coveredStates(),
        repo.rulesInForceOn(onDay),
        repo.holidayCounts(),
        repo.networkKindCodes(),
      ]);
      const thisYear = Number(onDay.slice(0, 4));
      const years = holidays.map((h) => h.year);
      const first = Math.min(thisYear, ...years);
      const last = Math.max(thisYear, ...years);
      return {
        onDay,
        states,
        practices,
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
     * Adds a version of a site's setting. The site's version in force on the new effective date ends the day
     * before; tasks already created keep the rule they were made under. Nothing is written when the setting would
     * loosen the state's rule for the same practice and event.
     */
    async add(actor: Actor, input: z.infer<typeof RuleCreate>) {
      const site = await managedSite(actor, input.stateCode, input.siteId);
      const mapError = (error: unknown) => mapDatabaseError(error);
      return inAccessTransaction(db, actor, "rules:manage", { mapError }, async (trx) => {
        const repo = ruleRepository(trx);
        // The vocabulary is rows: a practice of this network, state or site; a known event; known exclusions.
        const kind = await repo.kind(input.practice);
        if (
          !kind ||
          (kind.state_code !== null && kind.state_code !== input.stateCode) ||
          (kind.site_id !== null && kind.site_id !== site.id)
        )
          invalid("practice", "practice.rule.unknown_practice", { code: input.practice });
        const trigger = (await repo.triggers()).find((t) => t.code === input.trigger);
        if (!trigger) return invalid("trigger", "practice.rule.unknown_trigger", { code: input.trigger });
        if (input.dueDirection === "before" && !trigger.allows_before)
          invalid("dueDirection", "validation.invalid_value");
        const known = new Set((await repo.exclusions()).map((e) => e.code));
        const unknown = input.exclusions.find((e) => !known.has(e));
        if (unknown) invalid("exclusions", "practice.rule.unknown_exclusion", { code: unknown });

        const key = {
          state_code: input.stateCode,
          site_id: site.id,
          practice: input.practice,
          trigger: input.trigger,
          applies_to: input.appliesTo,
        };
        const proposed = {
          due_amount: input.dueAmount,
          due_unit: input.dueUnit,
          due_direction: input.dueDirection,
          repeat_days: input.repeatDays,
          exclusions: input.exclusions,
        };
        for (const minimum of await repo.stateMinimumsFrom(key, input.effectiveFrom)) {
          const loosened = loosenedField(proposed, minimum);
          if (loosened)
            invalid(loosened.field, "practice.rule.looser_than_state", {
              state: loosened.stateValue,
              source: minimum.source_url,
            });
        }

        const ending = await repo.lockVersionsFrom(key, input.effectiveFrom);
        for (const rule of ending)
          if (rule.effective_from !== null && rule.effective_from >= input.effectiveFrom)
            throw new AppError("conflict", "practice.rule.overlap", { date: rule.effective_from });
        // Backdated: before the earliest of the actor's site days, the version in force then ends on a day already
        // lived under it. Only a confirmation naming that version lets it end (tasks made under it keep their dues).
        const today = Object.values(actor.siteDays).sort()[0];
        const inForce = ending[0];
        if (inForce && today && input.effectiveFrom < today && input.confirmEndsVersion !== inForce.id) {
          invalid("confirmEndsVersion", "practice.rule.backdated_confirm", {
            date: input.effectiveFrom,
            from: inForce.effective_from ?? inForce.effective_note ?? "",
            due: `${inForce.due_amount} ${inForce.due_unit}`,
            id: inForce.id,
          });
        }
        for (const rule of ending) await repo.endBefore(rule.id, input.effectiveFrom);
        const created = await repo.insert({
          ...key,
          ...proposed,
          effective_from: input.effectiveFrom,
          layer: "site",
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
          siteId: site.id,
          outcome: "success",
        });
        return toView({ ...created, site_name: site.name });
      });
    },

    /** Adds a site's own practice (no migration): its rule is then added like any other site setting. */
    async addKind(actor: Actor, input: z.infer<typeof PracticeKindCreate>) {
      requireAccess(actor, "rules:manage");
      if (!sitesHolding(actor, "rules:manage").includes(input.siteId)) throw new AppError("not_found");
      const mapError = (error: unknown) => mapDatabaseError(error);
      return inAccessTransaction(db, actor, "rules:manage", { mapError }, async (trx) => {
        const repo = ruleRepository(trx);
        if (await repo.kind(input.code)) invalid("code", "practice.kind.exists", { code: input.code });
        const known = new Set((await repo.recipients()).map((r) => r.code));
        const unknown = input.recipients.find((r) => !known.has(r));
        if (unknown) invalid("recipients", "practice.rule.unknown_recipient", { code: unknown });
        const [state] = await repo.statesOf([input.siteId]);
        const kind = await repo.insertKind(
          {
            code: input.code,
            label_en: input.labelEn,
            label_es: input.labelEs,
            description_en: input.descriptionEn ?? null,
            description_es: input.descriptionEs ?? null,
            state_code: state,
            site_id: input.siteId,
            created_by: actor.userId,
          },
          [...new Set(input.recipients)],
        );
        await recordAudit(trx, actor, {
          action: "practice_kind.add",
          entityType: `practice_kind:${kind.code}`,
          entityId: null,
          siteId: input.siteId,
          outcome: "success",
        });
        return {
          code: kind.code,
          label: label(kind),
          description: { en: kind.description_en, es: kind.description_es },
          stateCode: kind.state_code,
          siteId: kind.site_id,
          completion: kind.completion,
          recipients: [...new Set(input.recipients)],
        };
      });
    },
  };
}
