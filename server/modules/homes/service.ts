import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { hasPermission, heldPermissions, requireAccess } from "../../platform/access/require-access.js";
import { type AuditIdentity, recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, conflict, invalid, notFound } from "../../platform/errors/app-error.js";
import { addCalendarDays, zonedDay } from "../../platform/rules/zoned-time.js";
import { childMatchingFacts } from "../children/index.js";
import { usersByIds } from "../identity/index.js";
import { networkDirectory, siteDirectory } from "../network/index.js";
import { ageOn, rankHomes } from "./matching.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { paperworkMissingForApproval } from "./paperwork.js";
import { homesRepository, siteScopeOf } from "./repository.js";
import {
  type CheckInput,
  type ClosureInput,
  type ConsentInput,
  type Deadlines,
  type HouseholdCreate,
  type HouseholdDetail,
  type HouseholdList,
  type HouseholdSearch,
  type HouseholdUpdate,
  type InquiryInput,
  type MatchCandidate,
  type MatchList,
  type MyAvailabilityInput,
  type MyConsentInput,
  type MyHousehold,
  pipelineStages,
  type ReasonList,
  type Retention,
  type StageChange,
} from "./schema.js";
import type { Stage } from "./tables.js";

type Trx = Transaction<Database>;
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof homesRepository>["householdFor"]>>>;

const ENDED: readonly string[] = ["withdrawn", "denied", "closed"];
const catalogs = { en, es } as Record<string, Record<string, string>>;
const stageName = (locale: string, stage: string) =>
  catalogs[locale]?.[`homes.stageName.${stage}`] ?? catalogs.en[`homes.stageName.${stage}`] ?? stage;

/** Is this database error a unique violation of the licence number? */
function isLicenceClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === "23505" && `${e.constraint ?? e.message}`.includes("household_license_number_unique");
}

async function siteFacts(db: Kysely<Database> | Trx, siteId: string) {
  const [site] = await siteDirectory(db as Kysely<Database>).byIds([siteId]);
  return site;
}

/** What approval still needs: checks cleared for every kind the rules require, and the training hours. */
async function missingForApproval(trx: Kysely<Database> | Trx, home: Row, stateCode: string, day: string) {
  const repository = homesRepository(trx);
  const checks = await repository.checks(home.id);
  const missing: string[] = [];
  const passed = (s: string) => s === "cleared" || s === "exemption_granted";
  for (const kind of ["live_scan", "child_abuse_index"] as const)
    if (!checks.some((c) => c.kind === kind && passed(c.status))) missing.push(`check_${kind}`);
  if (checks.some((c) => c.status === "requested" || c.status === "exemption_needed")) missing.push("checks_pending");
  if (checks.some((c) => c.status === "not_cleared")) missing.push("checks_not_cleared");
  const hours = await repository.ruleOn(stateCode, "pre_approval_training_hours", day);
  if (hours && Number(home.training_hours) < Number(hours.value)) missing.push("training_hours");
  missing.push(...(await paperworkMissingForApproval(trx, home.id, stateCode, day)));
  return { missing, requiredHours: hours ? Number(hours.value) : null };
}

function nextStageOf(stage: string): Stage | null {
  const i = (pipelineStages as readonly string[]).indexOf(stage);
  return i >= 0 && i < pipelineStages.length - 1 ? pipelineStages[i + 1] : null;
}

/** One home through the gate: the permission first (403 without it anywhere), then the scoped read (404). */
export function householdGate(db: Kysely<Database>, now: () => Date) {
  return async function gate<T>(
    actor: Actor,
    permission: "household:read" | "household:write" | "household:own",
    householdId: string,
    work: (ctx: { trx: Trx; home: Row; today: string; stateCode: string }) => Promise<T>,
  ): Promise<T> {
    requireAccess(actor, permission);
    return db.transaction().execute(async (trx) => {
      const home = await homesRepository(trx).householdFor(
        actor,
        permission,
        householdId,
        permission !== "household:read",
      );
      if (!home) throw notFound();
      const site = await siteFacts(trx, home.site_id);
      return work({ trx, home, today: zonedDay(now(), site.time_zone), stateCode: site.state_code });
    });
  };
}

export function homesService(db: Kysely<Database>, now: () => Date) {
  const gate = householdGate(db, now);

  async function detail(trx: Trx, actor: Actor, home: Row, today: string, stateCode: string) {
    const repository = homesRepository(trx);
    const [members, residents, events, checks, consents, tasks] = await Promise.all([
      repository.members(home.id),
      repository.residents(home.id),
      repository.stageEvents(home.id),
      repository.checks(home.id),
      repository.consents(home.id),
      repository.tasks(home.id),
    ]);
    const names = await usersByIds(trx, [
      ...events.flatMap((e) => (e.recorded_by ? [e.recorded_by] : [])),
      ...consents.map((c) => c.recorded_by),
    ]);
    const stage = home.current_stage as Stage;
    const contact =
      hasPermission(actor, "fields:caregiver_contact", home.site_id) &&
      heldPermissions(actor, "fields:caregiver_contact").some((p) => p.siteId === home.site_id && p.scope === "site");
    const { missing } =
      ENDED.includes(stage) || stage === "approved"
        ? { missing: [] as string[] }
        : await missingForApproval(trx, home, stateCode, today);
    const view: z.infer<typeof HouseholdDetail> = {
      id: home.id,
      siteId: home.site_id,
      version: home.version,
      name: home.name,
      kind: home.kind,
      ...(contact ? { addressLine1: home.address_line1, phone: home.phone, email: home.email } : {}),
      city: home.city,
      postalCode: home.postal_code,
      languages: home.languages,
      licenseNumber: home.license_number,
      approvalType: home.approval_type,
      capacity: home.capacity,
      prefAgeMin: home.pref_age_min,
      prefAgeMax: home.pref_age_max,
      prefSiblingGroups: home.pref_sibling_groups,
      prefNeeds: home.pref_needs,
      availability: home.availability,
      availabilityConfirmedOn: home.availability_confirmed_on,
      stage,
      recruitmentSource: home.recruitment_source,
      inquiryOn: home.inquiry_on,
      applicationOn: home.application_on,
      approvedOn: home.approved_on,
      closedOn: home.closed_on,
      closureReason: home.closure_reason,
      closureNote: home.closure_note,
      exitReason: home.exit_reason,
      trainingHours: Number(home.training_hours),
      contactSharedWithBirthParents: home.contact_shared_with_birth_parents,
      members: members.map((m) => ({ personId: m.person_id, name: `${m.given_name} ${m.family_name}`, role: m.role })),
      residents: residents.map((r) => ({
        id: r.id,
        role: r.role,
        givenName: r.given_name,
        familyName: r.family_name,
        birthYear: r.birth_year,
        relationship: r.relationship,
      })),
      stageHistory: events.map((e) => ({
        id: e.id,
        stage: e.stage,
        enteredOn: e.entered_on,
        reasonCode: e.reason_code,
        note: e.note,
        recordedByName: e.recorded_by ? (names.get(e.recorded_by)?.name ?? null) : null,
      })),
      checks: checks.map((c) => ({
        id: c.id,
        subject: c.subject,
        kind: c.kind,
        status: c.status,
        requestedOn: c.requested_on,
        completedOn: c.completed_on,
      })),
      consentHistory: consents.map((c) => ({
        id: c.id,
        shared: c.shared,
        recordedAs: c.recorded_as,
        recordedByName: names.get(c.recorded_by)?.name ?? "—",
        note: c.note,
        recordedAt: c.recorded_at.toISOString(),
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        kind: t.kind,
        dueOn: t.due_on,
        status: t.status,
        sourceUrl: t.source_url,
        sourceNote: t.source_note,
      })),
      missing,
      nextStage: nextStageOf(stage),
    };
    return { view, contact };
  }

  /** Records one consent decision and moves the flag the disclosure rules read, in the caller's transaction. */
  async function recordConsent(
    trx: Trx,
    actor: Actor,
    home: Row,
    input: { shared: boolean; note?: string },
    recordedAs: "caregiver" | "staff_on_behalf",
  ) {
    await trx
      .insertInto("household_contact_consent")
      .values({
        household_id: home.id,
        site_id: home.site_id,
        shared: input.shared,
        recorded_by: actor.userId,
        recorded_as: recordedAs,
        note: input.note?.trim() || null,
      })
      .execute();
    await trx
      .updateTable("household")
      .set((eb) => ({ contact_shared_with_birth_parents: input.shared, version: eb("version", "+", 1) }))
      .where("id", "=", home.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "household.consent",
      entityType: "household",
      entityId: home.id,
      siteId: home.site_id,
      purpose: recordedAs,
      outcome: "success",
    });
  }

  /** The tasks a rule creates when a home enters a stage, from the rule version in force that day. */
  async function tasksOnStage(trx: Trx, home: Row, stage: Stage, on: string, stateCode: string) {
    const repository = homesRepository(trx);
    // A deadline a rule sets from the day the home entered the stage (none where the state has no such rule).
    const taskFromRule = async (
      code: "approval_days" | "cpr_first_aid_days_after_approval",
      kind: "approval_due" | "cpr_first_aid_due",
    ) => {
      const rule = await repository.ruleOn(stateCode, code, on);
      if (rule) await repository.openTask(home, rule.id, kind, addCalendarDays(on, Number(rule.value)));
    };
    if (stage === "application") await taskFromRule("approval_days", "approval_due");
    if (stage === "approved") {
      await repository.closeTasks(home.id, "done", on, "approval_due");
      await taskFromRule("cpr_first_aid_days_after_approval", "cpr_first_aid_due");
    }
    if (ENDED.includes(stage)) await repository.closeTasks(home.id, "cancelled", on);
  }

  async function lastStageDay(trx: Trx, home: Row): Promise<string | null> {
    const events = await homesRepository(trx).stageEvents(home.id);
    const days = [home.inquiry_on, home.approved_on, ...events.map((e) => e.entered_on)].filter(
      (d): d is string => d !== null,
    );
    return days.sort().at(-1) ?? null;
  }

  return {
    async list(actor: Actor, query: z.infer<typeof HouseholdSearch>): Promise<z.infer<typeof HouseholdList>> {
      requireAccess(actor, "household:read", { siteId: query.siteId });
      return db.transaction().execute(async (trx) => {
        const { rows, total } = await homesRepository(trx).search(query.siteId, query.q, query.stage ?? "all", 100);
        const contact = siteScopeOf(actor, "fields:caregiver_contact").includes(query.siteId);
        await recordAudit(trx, actor, {
          action: "household.list",
          entityType: "household",
          entityIds: rows.map((r) => r.id),
          siteId: query.siteId,
          fieldClasses: contact ? ["caregiver_contact"] : [],
          outcome: "success",
        });
        return {
          total,
          households: rows.map((r) => ({
            id: r.id,
            name: r.name,
            kind: r.kind,
            city: r.city,
            ...(contact ? { addressLine1: r.address_line1 } : {}),
            licenseNumber: r.license_number,
            stage: r.current_stage as Stage,
            availability: r.availability,
            availabilityConfirmedOn: r.availability_confirmed_on,
            capacity: r.capacity,
            nextDueOn: (r.next_due_on as string | null) ?? null,
          })),
        };
      });
    },

    /** The RFA worker's deadlines: open tasks due within 30 days or overdue, and homes whose availability is stale. */
    async deadlines(actor: Actor, siteId: string): Promise<z.infer<typeof Deadlines>> {
      requireAccess(actor, "household:read", { siteId });
      const site = await siteFacts(db, siteId);
      const today = zonedDay(now(), site.time_zone);
      const repository = homesRepository(db);
      const [tasks, stale] = await Promise.all([
        repository.openTasks(siteId, addCalendarDays(today, 30), 25),
        // Caregivers are asked to confirm availability every 30 days: a site's setting (no state rule says so).
        repository.staleAvailability(siteId, addCalendarDays(today, -30)),
      ]);
      return {
        tasks: tasks.map((t) => ({
          id: t.id,
          householdId: t.household_id,
          householdName: t.name,
          kind: t.kind,
          dueOn: t.due_on,
          overdue: t.due_on < today,
        })),
        staleAvailability: stale,
      };
    },

    /** Homes approved, active, closed by reason, one-year retention and time to approval at a site, last 12 months. */
    async retention(actor: Actor, siteId: string): Promise<z.infer<typeof Retention>> {
      requireAccess(actor, "household:read", { siteId });
      const site = await siteFacts(db, siteId);
      const to = zonedDay(now(), site.time_zone);
      const from = addCalendarDays(to, -364);
      const homes = await homesRepository(db).retentionFacts(siteId);
      const approvedIn = homes.filter((h) => h.approved_on && h.approved_on >= from && h.approved_on <= to);
      const closedIn = homes.filter((h) => h.closed_on && h.closed_on >= from && h.closed_on <= to);
      const byReason = new Map<string, number>();
      for (const h of closedIn)
        byReason.set(h.closure_reason ?? "not_recorded", (byReason.get(h.closure_reason ?? "not_recorded") ?? 0) + 1);
      const cohort = homes.filter(
        (h) =>
          h.approved_on && h.approved_on >= addCalendarDays(to, -729) && h.approved_on <= addCalendarDays(to, -365),
      );
      const retained = cohort.filter(
        (h) => !h.closed_on || h.closed_on > addCalendarDays(h.approved_on as string, 365),
      );
      const waits = approvedIn
        .map((h) => {
          const start = h.application_on ?? h.inquiry_on;
          return start ? (Date.parse(h.approved_on as string) - Date.parse(start)) / 86_400_000 : null;
        })
        .filter((d): d is number => d !== null && d >= 0)
        .sort((a, b) => a - b);
      const median =
        waits.length === 0
          ? null
          : waits.length % 2
            ? waits[(waits.length - 1) / 2]
            : (waits[waits.length / 2 - 1] + waits[waits.length / 2]) / 2;
      return {
        from,
        to,
        approved: approvedIn.length,
        activeAtEnd: homes.filter((h) => h.approved_on && h.approved_on <= to && (!h.closed_on || h.closed_on > to))
          .length,
        closed: closedIn.length,
        closedByReason: [...byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
        oneYearRetention: { cohort: cohort.length, retained: retained.length },
        medianDaysToApproval: median,
      };
    },

    async get(actor: Actor, householdId: string) {
      return gate(actor, "household:read", householdId, async ({ trx, home, today, stateCode }) => {
        const { view, contact } = await detail(trx, actor, home, today, stateCode);
        await recordAudit(trx, actor, {
          action: "household.read",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          fieldClasses: contact ? ["caregiver_contact"] : [],
          outcome: "success",
        });
        return view;
      });
    },

    async reasons(actor: Actor): Promise<z.infer<typeof ReasonList>> {
      requireAccess(actor, "household:read");
      const repository = homesRepository(db);
      const [closure, exit] = await Promise.all([repository.closureReasons(), repository.exitReasons()]);
      return {
        closure: closure.filter((r) => r.offered).map((r) => ({ code: r.code, requiresNote: r.requires_note })),
        exit: exit.map((r) => ({ code: r.code, outcome: r.outcome, requiresNote: r.requires_note })),
      };
    },

    async create(actor: Actor, input: z.infer<typeof HouseholdCreate>) {
      requireAccess(actor, "household:write", { siteId: input.siteId });
      return db.transaction().execute(async (trx) => {
        const site = await siteFacts(trx, input.siteId);
        const today = zonedDay(now(), site.time_zone);
        if (input.inquiryOn > today) throw invalid([{ field: "inquiryOn", messageKey: "homes.date.future" }]);
        const home = await trx
          .insertInto("household")
          .values({
            site_id: input.siteId,
            name: `${input.applicantFamilyName} household`,
            kind:
              input.approvalType === "kin" || input.approvalType === "emergency_relative"
                ? "relative"
                : "resource_family",
            approval_type: input.approvalType,
            recruitment_source: input.recruitmentSource,
            inquiry_on: input.inquiryOn,
            stage: "inquiry",
            availability: "on_hold",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("household_resident")
          .values({
            household_id: home.id,
            role: "applicant",
            given_name: input.applicantGivenName,
            family_name: input.applicantFamilyName,
          })
          .execute();
        await trx
          .insertInto("household_stage_event")
          .values({
            household_id: home.id,
            site_id: input.siteId,
            stage: "inquiry",
            entered_on: input.inquiryOn,
            recorded_by: actor.userId,
          })
          .execute();
        await recordAudit(trx, actor, {
          action: "household.create",
          entityType: "household",
          entityId: home.id,
          siteId: input.siteId,
          outcome: "success",
        });
        return { id: home.id };
      });
    },

    async update(actor: Actor, householdId: string, input: z.infer<typeof HouseholdUpdate>) {
      return gate(actor, "household:write", householdId, async ({ trx, home, today, stateCode }) => {
        if (input.version !== home.version) throw conflict("homes.stale");
        if (input.prefAgeMin !== null && input.prefAgeMax !== null && input.prefAgeMin > input.prefAgeMax)
          throw invalid([{ field: "prefAgeMax", messageKey: "homes.ages.order" }]);
        const contact = siteScopeOf(actor, "fields:caregiver_contact").includes(home.site_id);
        try {
          await trx
            .updateTable("household")
            .set((eb) => ({
              name: input.name,
              ...(contact ? { address_line1: input.addressLine1, phone: input.phone, email: input.email } : {}),
              city: input.city,
              postal_code: input.postalCode,
              languages: input.languages,
              license_number: input.licenseNumber || null,
              approval_type: input.approvalType,
              capacity: input.capacity,
              pref_age_min: input.prefAgeMin,
              pref_age_max: input.prefAgeMax,
              pref_sibling_groups: input.prefSiblingGroups,
              pref_needs: input.prefNeeds,
              availability: input.availability,
              // Saving the availability is confirming it: stale availability is what caregivers complain of.
              availability_confirmed_on: today,
              training_hours: input.trainingHours,
              version: eb("version", "+", 1),
            }))
            .where("id", "=", home.id)
            .execute();
        } catch (error) {
          if (isLicenceClash(error)) throw invalid([{ field: "licenseNumber", messageKey: "homes.licence.taken" }]);
          throw error;
        }
        await trx.deleteFrom("household_resident").where("household_id", "=", home.id).execute();
        if (input.residents.length)
          await trx
            .insertInto("household_resident")
            .values(
              input.residents.map((r) => ({
                household_id: home.id,
                role: r.role,
                given_name: r.givenName,
                family_name: r.familyName,
                birth_year: r.birthYear,
                relationship: r.relationship,
              })),
            )
            .execute();
        await recordAudit(trx, actor, {
          action: "household.update",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          fieldClasses: contact ? ["caregiver_contact"] : [],
          outcome: "success",
        });
        const fresh = (await homesRepository(trx).householdFor(actor, "household:write", home.id))!;
        return (await detail(trx, actor, fresh, today, stateCode)).view;
      });
    },

    async changeStage(actor: Actor, householdId: string, input: z.infer<typeof StageChange>) {
      return gate(actor, "household:write", householdId, async ({ trx, home, today, stateCode }) => {
        const current = home.current_stage as Stage;
        const to = input.stage;
        const L = actor.locale;
        if (ENDED.includes(current))
          throw invalid([
            { field: "stage", messageKey: "homes.stage.ended", params: { current: stageName(L, current) } },
          ]);
        if (to === "closed") throw invalid([{ field: "stage", messageKey: "homes.stage.close_route" }]);
        if (input.on > today) throw invalid([{ field: "on", messageKey: "homes.date.future" }]);
        const last = await lastStageDay(trx, home);
        if (last && input.on < last)
          throw invalid([{ field: "on", messageKey: "homes.date.before_last", params: { date: last } }]);
        let reason: string | null = null;
        if (to === "withdrawn" || to === "denied") {
          if (current === "approved") throw invalid([{ field: "stage", messageKey: "homes.stage.approved_use_close" }]);
          const reasons = await homesRepository(trx).exitReasons();
          const found = reasons.find((r) => r.code === input.reasonCode && r.outcome === to);
          if (!found) throw invalid([{ field: "reasonCode", messageKey: "homes.reason.required" }]);
          if (found.requires_note && (input.note ?? "").trim().length < 3)
            throw invalid([{ field: "note", messageKey: "homes.note.required" }]);
          reason = found.code;
        } else {
          const next = nextStageOf(current);
          if (to !== next)
            throw invalid([
              {
                field: "stage",
                messageKey: next ? "homes.stage.skipped" : "homes.stage.no_next",
                params: { current: stageName(L, current), next: next ? stageName(L, next) : "" },
              },
            ]);
          if (to === "approved") {
            const { missing, requiredHours } = await missingForApproval(trx, home, stateCode, input.on);
            if (missing.length)
              throw invalid([
                {
                  field: "stage",
                  messageKey: "homes.approval.missing",
                  params: {
                    missing: missing
                      .map(
                        (m) =>
                          (catalogs[L] ?? catalogs.en)[`homes.missing.${m}`]?.replace(
                            "{hours}",
                            String(requiredHours),
                          ) ?? m,
                      )
                      .join("; "),
                  },
                },
              ]);
          }
        }
        await trx
          .updateTable("household")
          .set((eb) => ({
            stage: to,
            ...(to === "application" ? { application_on: input.on } : {}),
            ...(to === "approved"
              ? { approved_on: input.on, availability: "available" as const, availability_confirmed_on: input.on }
              : {}),
            ...(reason ? { exit_reason: reason } : {}),
            version: eb("version", "+", 1),
          }))
          .where("id", "=", home.id)
          .execute();
        await trx
          .insertInto("household_stage_event")
          .values({
            household_id: home.id,
            site_id: home.site_id,
            stage: to,
            entered_on: input.on,
            reason_code: reason,
            note: input.note?.trim() || null,
            recorded_by: actor.userId,
          })
          .execute();
        await tasksOnStage(trx, home, to, input.on, stateCode);
        await recordAudit(trx, actor, {
          action: "household.stage",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          purpose: to,
          outcome: "success",
        });
        const fresh = (await homesRepository(trx).householdFor(actor, "household:write", home.id))!;
        return (await detail(trx, actor, fresh, today, stateCode)).view;
      });
    },

    async saveCheck(actor: Actor, householdId: string, input: z.infer<typeof CheckInput>) {
      return gate(actor, "household:write", householdId, async ({ trx, home, today, stateCode }) => {
        if (input.requestedOn > today) throw invalid([{ field: "requestedOn", messageKey: "homes.date.future" }]);
        if (input.completedOn && input.completedOn > today)
          throw invalid([{ field: "completedOn", messageKey: "homes.date.future" }]);
        if (input.completedOn && input.completedOn < input.requestedOn)
          throw invalid([{ field: "completedOn", messageKey: "homes.check.completed_before_requested" }]);
        if (input.status !== "requested" && !input.completedOn)
          throw invalid([{ field: "completedOn", messageKey: "homes.check.completed_needed" }]);
        const values = {
          subject: input.subject,
          kind: input.kind,
          status: input.status,
          requested_on: input.requestedOn,
          completed_on: input.completedOn,
          recorded_by: actor.userId,
        };
        if (input.id) {
          const updated = await trx
            .updateTable("household_background_check")
            .set(values)
            .where("id", "=", input.id)
            .where("household_id", "=", home.id)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) throw notFound();
        } else
          await trx
            .insertInto("household_background_check")
            .values({ ...values, household_id: home.id })
            .execute();
        await recordAudit(trx, actor, {
          action: "household.check",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          outcome: "success",
        });
        return (await detail(trx, actor, home, today, stateCode)).view;
      });
    },

    async recordConsentOnBehalf(actor: Actor, householdId: string, input: z.infer<typeof ConsentInput>) {
      return gate(actor, "household:write", householdId, async ({ trx, home, today, stateCode }) => {
        if ((input.note ?? "").trim().length < 3)
          throw invalid([{ field: "note", messageKey: "homes.consent.note_required" }]);
        await recordConsent(trx, actor, home, input, "staff_on_behalf");
        const fresh = (await homesRepository(trx).householdFor(actor, "household:write", home.id))!;
        return (await detail(trx, actor, fresh, today, stateCode)).view;
      });
    },

    async close(actor: Actor, householdId: string, input: z.infer<typeof ClosureInput>) {
      return gate(actor, "household:write", householdId, async ({ trx, home, today, stateCode }) => {
        if (home.current_stage !== "approved")
          throw invalid([{ field: "reason", messageKey: "homes.close.not_approved" }]);
        const reasons = await homesRepository(trx).closureReasons();
        const reason = reasons.find((r) => r.code === input.reason && r.offered);
        if (!reason) throw invalid([{ field: "reason", messageKey: "homes.reason.required" }]);
        if (reason.requires_note && (input.note ?? "").trim().length < 3)
          throw invalid([{ field: "note", messageKey: "homes.note.required" }]);
        if (input.closedOn > today) throw invalid([{ field: "closedOn", messageKey: "homes.date.future" }]);
        if (home.approved_on && input.closedOn < home.approved_on)
          throw invalid([
            { field: "closedOn", messageKey: "homes.date.before_last", params: { date: home.approved_on } },
          ]);
        await trx
          .updateTable("household")
          .set((eb) => ({
            stage: "closed",
            closed_on: input.closedOn,
            closure_reason: reason.code,
            closure_note: input.note?.trim() || null,
            availability: "on_hold",
            version: eb("version", "+", 1),
          }))
          .where("id", "=", home.id)
          .execute();
        await trx
          .insertInto("household_stage_event")
          .values({
            household_id: home.id,
            site_id: home.site_id,
            stage: "closed",
            entered_on: input.closedOn,
            note: input.note?.trim() || null,
            recorded_by: actor.userId,
          })
          .execute();
        await tasksOnStage(trx, home, "closed", input.closedOn, stateCode);
        await recordAudit(trx, actor, {
          action: "household.close",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          purpose: reason.code,
          outcome: "success",
        });
        const fresh = (await homesRepository(trx).householdFor(actor, "household:write", home.id))!;
        return (await detail(trx, actor, fresh, today, stateCode)).view;
      });
    },

    /**
     * Available approved homes ranked for a child and the siblings in care with them, each with its reasons. Names
     * stay hidden: the answer gives positions, cities and reasons; `openCandidate` shows who (audited).
     */
    async matches(actor: Actor, childId: string, needs: string[]): Promise<z.infer<typeof MatchList>> {
      requireAccess(actor, "household:match");
      const facts = await childMatchingFacts(db, now)(actor, "child:read", childId);
      const repository = homesRepository(db);
      const homes = await repository.matchCandidates(facts.siteId);
      const inGroupHomes = new Set<string>();
      const postal = [
        ...new Set([...homes.map((h) => h.postal_code).filter((p): p is string => !!p), ...facts.parentPostalCodes]),
      ];
      const centroids = new Map((await repository.centroids(postal)).map((c) => [c.postal_code, c]));
      const byId = new Map(homes.map((h) => [h.id, h]));
      const ranked = rankHomes(
        facts.children.map((c) => ({ age: ageOn(c.birthDate, facts.today), languages: c.languages, tribe: c.tribe })),
        needs,
        facts.parentPostalCodes,
        homes
          .filter((h) => !inGroupHomes.has(h.id))
          .map((h) => ({
            id: h.id,
            capacity: h.capacity,
            placed: facts.placedByHousehold.get(h.id) ?? 0,
            prefAgeMin: h.pref_age_min,
            prefAgeMax: h.pref_age_max,
            prefSiblingGroups: h.pref_sibling_groups,
            prefNeeds: h.pref_needs,
            languages: h.languages,
            postalCode: h.postal_code,
            kin: h.approval_type === "kin" || h.kind === "relative",
            lastingAges: (facts.lastingPlacementsByHousehold.get(h.id) ?? [])
              .map((p) => ageOn(p.birthDate, p.startedOn))
              .filter((a): a is number => a !== null),
          })),
        centroids,
      );
      return {
        groupSize: facts.children.length,
        children: facts.children.map((c) => ({
          id: c.id,
          givenName: c.givenName,
          age: ageOn(c.birthDate, facts.today),
        })),
        familyPostalCodes: facts.parentPostalCodes.length,
        considered: homes.length,
        centroidSource: "US Census Bureau 2021 Gazetteer, ZIP Code Tabulation Areas",
        candidates: ranked.map((r, i) => ({
          rank: i + 1,
          householdId: r.id,
          city: byId.get(r.id)?.city ?? null,
          score: r.score,
          distanceKm: r.distanceKm === null ? null : Math.round(r.distanceKm * 10) / 10,
          availabilityConfirmedOn: byId.get(r.id)?.availability_confirmed_on ?? null,
          reasons: r.reasons,
        })),
      };
    },

    /** Who a ranked candidate is: the home's name and licence, for a worker matching a child they reach (audited). */
    async openCandidate(actor: Actor, childId: string, householdId: string): Promise<z.infer<typeof MatchCandidate>> {
      requireAccess(actor, "household:match");
      const facts = await childMatchingFacts(db, now)(actor, "child:read", childId);
      return db.transaction().execute(async (trx) => {
        const home = (await homesRepository(trx).matchCandidates(facts.siteId)).find((h) => h.id === householdId);
        if (!home) throw notFound();
        await recordAudit(trx, actor, {
          action: "household.candidate.open",
          entityType: "household",
          entityId: home.id,
          siteId: facts.siteId,
          purpose: `matching for child ${childId}`,
          outcome: "success",
        });
        return {
          householdId: home.id,
          name: home.name,
          licenseNumber: home.license_number,
          city: home.city,
          approvalType: home.approval_type,
          capacity: home.capacity,
        };
      });
    },

    /** A caregiver's or applicant's own homes: progress (done / current / next) and their consent, no staff fields. */
    async mine(actor: Actor): Promise<z.infer<typeof MyHousehold>> {
      const held = requireAccess(actor, "household:own");
      return db.transaction().execute(async (trx) => {
        const homes = await homesRepository(trx).ownHouseholds(actor, [...new Set(held.map((p) => p.siteId))]);
        const out: z.infer<typeof MyHousehold>["households"] = [];
        for (const home of homes) {
          const site = await siteFacts(trx, home.site_id);
          const today = zonedDay(now(), site.time_zone);
          const { view } = await detail(trx, actor, home as Row, today, site.state_code);
          const stage = view.stage;
          const at = (pipelineStages as readonly string[]).indexOf(stage);
          const dayOf = (s: string) => view.stageHistory.filter((e) => e.stage === s).at(-1)?.enteredOn ?? null;
          out.push({
            id: home.id,
            name: home.name,
            stage,
            steps: pipelineStages.map((s, i) => ({
              stage: s,
              state:
                at < 0
                  ? dayOf(s)
                    ? "done"
                    : "later"
                  : i < at || stage === "approved"
                    ? "done"
                    : i === at
                      ? "current"
                      : i === at + 1
                        ? "next"
                        : "later",
              on: dayOf(s) ?? (s === "approved" ? view.approvedOn : s === "inquiry" ? view.inquiryOn : null),
            })),
            missing: view.missing,
            approvalDueOn: view.tasks.find((t) => t.kind === "approval_due" && t.status === "open")?.dueOn ?? null,
            availability: view.availability,
            availabilityConfirmedOn: view.availabilityConfirmedOn,
            contactSharedWithBirthParents: view.contactSharedWithBirthParents,
            consentHistory: view.consentHistory,
          });
          await recordAudit(trx, actor, {
            action: "household.own.read",
            entityType: "household",
            entityId: home.id,
            siteId: home.site_id,
            outcome: "success",
          });
        }
        return { households: out };
      });
    },

    /** The caregiver confirms (or changes) their home's availability: confirmed today, in the site's day. */
    async confirmMyAvailability(actor: Actor, input: z.infer<typeof MyAvailabilityInput>) {
      return gate(actor, "household:own", input.householdId, async ({ trx, home, today }) => {
        if (home.current_stage !== "approved")
          throw invalid([{ field: "availability", messageKey: "homes.availability.not_approved" }]);
        await trx
          .updateTable("household")
          .set((eb) => ({
            availability: input.availability,
            availability_confirmed_on: today,
            version: eb("version", "+", 1),
          }))
          .where("id", "=", home.id)
          .execute();
        await recordAudit(trx, actor, {
          action: "household.availability",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          outcome: "success",
        });
        return { availability: input.availability, availabilityConfirmedOn: today };
      });
    },

    async recordMyConsent(actor: Actor, input: z.infer<typeof MyConsentInput>) {
      return gate(actor, "household:own", input.householdId, async ({ trx, home }) => {
        await recordConsent(trx, actor, home, input, "caregiver");
        return { contactSharedWithBirthParents: input.shared };
      });
    },
  };
}

// ---- The public inquiry form: no sign-in; a honeypot, a signed time token and a rate limit, no third party. ----

const MIN_FILL_MS = 3_000;
const TOKEN_LIFE_MS = 24 * 3_600_000;
const PER_ADDRESS_PER_HOUR = 5;

async function formSecret(db: Kysely<Database> | Trx) {
  const row = await db.selectFrom("public_form_key").select("secret").where("id", "=", 1).executeTakeFirstOrThrow();
  return row.secret;
}
function sign(secret: string, siteId: string, issued: number) {
  return crypto.createHmac("sha256", secret).update(`${siteId}|${issued}`).digest("base64url");
}
/** A time token for the site's form, issued at `issuedAt` (exported for tests that need an old one). */
export async function inquiryToken(db: Kysely<Database>, siteId: string, issuedAt: number) {
  return `${issuedAt}.${sign(await formSecret(db), siteId, issuedAt)}`;
}

export function publicInquiryService(db: Kysely<Database>, now: () => Date) {
  async function siteOf(code: string) {
    const site = await networkDirectory(db).siteByCode(code.toUpperCase());
    if (!site) throw notFound();
    return site;
  }
  return {
    async form(siteCode: string) {
      const site = await siteOf(siteCode);
      return { siteName: site.name, token: await inquiryToken(db, site.id, now().getTime()) };
    },

    async submit(siteCode: string, input: z.infer<typeof InquiryInput>, who: AuditIdentity) {
      const site = await siteOf(siteCode);
      return db.transaction().execute(async (trx) => {
        const secret = await formSecret(trx);
        const [issuedText, mac] = input.formToken.split(".");
        const issued = Number(issuedText);
        const age = now().getTime() - issued;
        const expected = Number.isFinite(issued) ? sign(secret, site.id, issued) : "";
        const good =
          mac !== undefined &&
          mac.length === expected.length &&
          crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
        if (!good || age < MIN_FILL_MS || age > TOKEN_LIFE_MS)
          throw invalid([{ field: "formToken", messageKey: "homes.inquiry.token" }]);
        // A filled honeypot is a robot: it gets the same answer as a person, and nothing is kept.
        if (input.website && input.website.trim() !== "") return { received: true as const };
        const addressHash = crypto
          .createHmac("sha256", secret)
          .update(who.ip ?? "unknown")
          .digest("hex");
        const recent = await trx
          .selectFrom("public_inquiry_log")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("address_hash", "=", addressHash)
          .where("submitted_at", ">", new Date(now().getTime() - 3_600_000))
          .executeTakeFirstOrThrow();
        if (Number(recent.n) >= PER_ADDRESS_PER_HOUR) throw new AppError("too_many_requests");
        await trx
          .insertInto("public_inquiry_log")
          .values({ site_id: site.id, address_hash: addressHash, submitted_at: now() })
          .execute();
        const today = zonedDay(now(), site.time_zone);
        const home = await trx
          .insertInto("household")
          .values({
            site_id: site.id,
            name: `${input.familyName} household`,
            kind: "resource_family",
            email: input.email,
            phone: input.phone || null,
            postal_code: input.postalCode || null,
            recruitment_source: input.heardFrom ?? "web_form",
            inquiry_on: today,
            stage: "inquiry",
            availability: "on_hold",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("household_resident")
          .values({
            household_id: home.id,
            role: "applicant",
            given_name: input.givenName,
            family_name: input.familyName,
          })
          .execute();
        await trx
          .insertInto("household_stage_event")
          .values({ household_id: home.id, site_id: site.id, stage: "inquiry", entered_on: today, note: "web form" })
          .execute();
        await recordAudit(trx, who, {
          action: "household.inquiry",
          entityType: "household",
          entityId: home.id,
          siteId: site.id,
          outcome: "success",
        });
        return { received: true as const };
      });
    },
  };
}
