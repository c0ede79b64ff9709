import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";
import type { Permission } from "../../platform/access/permissions.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";
import { mapDatabaseError } from "./database-errors.js";
import type { CaregiverReportReceipt, CaregiverReportSubmit, HearingCreate } from "./hearing-schema.js";
import { placementRepository } from "./placement-repository.js";
import { createHearingTasks } from "./practice-tasks.js";

/** A hearing the actor reaches through its child with `permission`. */
function hearingFor(db: Kysely<Database>, actor: Actor, permission: Permission, hearingId: string) {
  return db
    .selectFrom("court_hearing as h")
    .innerJoin("child", "child.id", "h.child_id")
    .innerJoin("site", "site.id", "h.site_id")
    .select(["h.id", "h.child_id", "h.site_id", "h.hearing_on", "site.time_zone"])
    .where(childScope(actor, permission))
    .where("h.id", "=", hearingId)
    .executeTakeFirst();
}

async function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (error instanceof AppError) throw error;
    mapDatabaseError(error);
  }
}

/** Court hearings: the caregiver is told ahead and can send the court a report (the JV-290 idea) that the caseworker receives and forwards. */
export function hearingService(db: Kysely<Database>) {
  return {
    async create(actor: Actor, childId: string, input: z.infer<typeof HearingCreate>) {
      requireAccess(actor, "practice:complete");
      return inTransaction(db, async (trx) => {
        const child = await placementRepository(trx).childFor(actor, "practice:complete", childId, true);
        if (!child) throw new AppError("not_found");
        const hearing = await trx
          .insertInto("court_hearing")
          .values({
            child_id: childId,
            site_id: child.site_id,
            hearing_on: input.hearingOn,
            hearing_type: input.hearingType,
            department: input.department,
          })
          .returning(["id"])
          .executeTakeFirstOrThrow();
        const tasks = await createHearingTasks(trx, {
          id: hearing.id,
          childId,
          siteId: child.site_id,
          stateCode: child.state_code,
          timeZone: child.time_zone,
          icwa: child.icwa,
          hearingOn: input.hearingOn,
          createdOn: zonedDay(new Date(), child.time_zone),
        });
        await recordAudit(trx, actor, {
          action: "hearing.create",
          entityType: "court_hearing",
          entityId: hearing.id,
          siteId: child.site_id,
          outcome: "success",
        });
        return { hearingId: hearing.id, tasks };
      });
    },

    async list(actor: Actor, childId: string) {
      requireAccess(actor, "practice:read");
      return db.transaction().execute(async (trx) => {
        const child = await placementRepository(trx).childFor(actor, "practice:read", childId);
        if (!child) throw new AppError("not_found");
        const rows = await trx
          .selectFrom("court_hearing as h")
          .innerJoin("child", "child.id", "h.child_id")
          .leftJoin("caregiver_report as r", "r.hearing_id", "h.id")
          .leftJoin("user_account as su", "su.id", "r.submitted_by")
          .leftJoin("person as sp", "sp.id", "su.person_id")
          .select([
            "h.id",
            "h.child_id",
            "h.site_id",
            "h.hearing_on",
            "h.hearing_type",
            "h.department",
            "r.submitted_at",
            "r.body",
            "r.received_at",
            "r.forwarded_to_court",
            "sp.given_name",
            "sp.family_name",
          ])
          .where(childScope(actor, "practice:read"))
          .where("h.child_id", "=", childId)
          .orderBy("h.hearing_on", "desc")
          .execute();
        await recordAudit(trx, actor, {
          action: "hearing.list",
          entityType: "child",
          entityId: childId,
          siteId: child.site_id,
          fieldClasses: ["practice"],
          outcome: "success",
        });
        return {
          hearings: rows.map((h) => ({
            id: h.id,
            childId: h.child_id,
            hearingOn: h.hearing_on,
            hearingType: h.hearing_type,
            department: h.department,
            report: h.submitted_at
              ? {
                  submittedAt: new Date(h.submitted_at).toISOString(),
                  submittedByName: `${h.given_name} ${h.family_name}`,
                  body: h.body!,
                  receivedAt: h.received_at ? new Date(h.received_at).toISOString() : null,
                  forwardedToCourt: Boolean(h.forwarded_to_court),
                }
              : null,
          })),
        };
      });
    },

    /** The caregiver's report to the court, from the caregiver's portal; one per hearing. */
    async submitReport(actor: Actor, hearingId: string, input: z.infer<typeof CaregiverReportSubmit>) {
      requireAccess(actor, "caregiver_report:submit");
      return inTransaction(db, async (trx) => {
        const hearing = await hearingFor(trx, actor, "caregiver_report:submit", hearingId);
        if (!hearing) throw new AppError("not_found");
        const existing = await trx
          .selectFrom("caregiver_report")
          .select("id")
          .where("hearing_id", "=", hearingId)
          .executeTakeFirst();
        if (existing) throw new AppError("conflict", "practice.hearing.report_exists");
        const report = await trx
          .insertInto("caregiver_report")
          .values({ hearing_id: hearingId, child_id: hearing.child_id, submitted_by: actor.userId, body: input.body })
          .returning(["id", "submitted_at"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "caregiver_report.submit",
          entityType: "caregiver_report",
          entityId: report.id,
          siteId: hearing.site_id,
          outcome: "success",
        });
        return { reportId: report.id, submittedAt: new Date(report.submitted_at).toISOString() };
      });
    },

    /** The caseworker marks the report received (and forwarded); the caregiver then sees it was received. */
    async receiveReport(actor: Actor, hearingId: string, input: z.infer<typeof CaregiverReportReceipt>) {
      requireAccess(actor, "practice:complete");
      return inTransaction(db, async (trx) => {
        const hearing = await hearingFor(trx, actor, "practice:complete", hearingId);
        if (!hearing) throw new AppError("not_found");
        const report = await trx
          .selectFrom("caregiver_report")
          .selectAll()
          .where("hearing_id", "=", hearingId)
          .forUpdate()
          .executeTakeFirst();
        if (!report) throw new AppError("conflict", "practice.hearing.no_report");
        if (report.received_at) throw new AppError("conflict", "practice.hearing.already_received");
        const now = new Date();
        await trx
          .updateTable("caregiver_report")
          .set((eb) => ({
            received_at: now,
            received_by: actor.userId,
            forwarded_to_court: input.forwardedToCourt,
            version: eb("version", "+", 1),
          }))
          .where("id", "=", report.id)
          .execute();
        if (input.forwardedToCourt) {
          await trx
            .updateTable("practice_task")
            .set((eb) => ({
              status: "completed",
              completed_at: now,
              completed_by: actor.userId,
              outcome: "received_and_forwarded",
              version: eb("version", "+", 1),
            }))
            .where("hearing_id", "=", hearingId)
            .where("practice", "=", "caregiver_court_report")
            .where("status", "=", "open")
            .execute();
        }
        await recordAudit(trx, actor, {
          action: "caregiver_report.receive",
          entityType: "caregiver_report",
          entityId: report.id,
          siteId: hearing.site_id,
          outcome: "success",
        });
        return { receivedAt: now.toISOString(), forwardedToCourt: input.forwardedToCourt };
      });
    },
  };
}
