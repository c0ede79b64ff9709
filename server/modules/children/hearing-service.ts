import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { usersByIds } from "../identity/index.js";
import { childGate } from "./child-access.js";
import { checkHearingDate } from "./date-bounds.js";
import { hearingRepository } from "./hearing-repository.js";
import type {
  CaregiverReportAmendment,
  CaregiverReportReceipt,
  CaregiverReportSubmit,
  HearingCreate,
} from "./hearing-schema.js";
import { createHearingTasks } from "./practice-tasks.js";
import { taskRepository } from "./task-repository.js";

/**
 * Court hearings: the caregiver is told ahead and can send the court a report
 * (the JV-290 idea) that the caseworker receives and forwards.
 */
export function hearingService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  return {
    async create(actor: Actor, childId: string, input: z.infer<typeof HearingCreate>) {
      return withChild(actor, "practice:complete", childId, { lock: true }, async ({ trx, child, today, audit }) => {
        checkHearingDate(input.hearingOn, today, input.confirmUnusualDate);
        const hearing = await hearingRepository(trx).insertHearing({
          child_id: childId,
          site_id: child.site_id,
          hearing_on: input.hearingOn,
          hearing_type: input.hearingType,
          department: input.department,
        });
        const tasks = await createHearingTasks(trx, {
          id: hearing.id,
          childId,
          siteId: child.site_id,
          stateCode: child.state_code,
          timeZone: child.time_zone,
          icwa: child.icwa,
          hearingOn: input.hearingOn,
          createdOn: today,
        });
        await audit({ action: "hearing.create", entityType: "court_hearing", entityId: hearing.id });
        return { hearingId: hearing.id, tasks };
      });
    },

    async list(actor: Actor, childId: string) {
      const read = { fieldClasses: ["practice"] };
      return withChild(actor, "practice:read", childId, read, async ({ trx, today, audit }) => {
        const repo = hearingRepository(trx);
        const [rows, amendments] = await Promise.all([repo.hearingsOf(childId), repo.amendmentsOf(childId)]);
        const submitters = await usersByIds(trx, [
          ...rows.flatMap((h) => (h.submitted_by ? [h.submitted_by] : [])),
          ...amendments.map((a) => a.submitted_by),
        ]);
        await audit({ action: "hearing.list" });
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
                  submittedByName: submitters.get(h.submitted_by!)?.name ?? "",
                  body: h.body!,
                  receivedAt: h.received_at ? new Date(h.received_at).toISOString() : null,
                  forwardedToCourt: Boolean(h.forwarded_to_court),
                  amendments: amendments
                    .filter((a) => a.report_id === h.report_id)
                    .map((a) => ({
                      id: a.id,
                      submittedAt: new Date(a.submitted_at).toISOString(),
                      submittedByName: submitters.get(a.submitted_by)?.name ?? "",
                      body: a.body,
                    })),
                  amendable: today < h.hearing_on,
                }
              : null,
          })),
        };
      });
    },

    /** The caregiver's report to the court, from the caregiver's portal; one per hearing. */
    async submitReport(actor: Actor, hearingId: string, input: z.infer<typeof CaregiverReportSubmit>) {
      const target = { hearingId };
      return withChild(actor, "caregiver_report:submit", target, {}, async ({ trx, child, audit }) => {
        const repo = hearingRepository(trx);
        if (await repo.lockReport(hearingId)) throw new AppError("conflict", "practice.hearing.report_exists");
        const report = await repo.insertReport({
          hearingId,
          childId: child.id,
          submittedBy: actor.userId,
          body: input.body,
        });
        await audit({ action: "caregiver_report.submit", entityType: "caregiver_report", entityId: report.id });
        return { reportId: report.id, submittedAt: new Date(report.submitted_at).toISOString() };
      });
    },

    /**
     * The caregiver adds to their report before the hearing: the original and each amendment are kept in order
     * (the table is append-only). From the hearing's day at the site on, the court has the report as it stands.
     */
    async amendReport(actor: Actor, hearingId: string, input: z.infer<typeof CaregiverReportAmendment>) {
      const target = { hearingId };
      return withChild(actor, "caregiver_report:submit", target, {}, async ({ trx, child, today, audit }) => {
        const repo = hearingRepository(trx);
        const report = await repo.lockReport(hearingId);
        if (!report) throw new AppError("conflict", "practice.hearing.no_report");
        const { hearing_on } = await repo.hearingDay(hearingId);
        if (today >= hearing_on) throw new AppError("conflict", "practice.hearing.amend_after_hearing");
        const amendment = await repo.insertAmendment({
          reportId: report.id,
          childId: child.id,
          submittedBy: actor.userId,
          body: input.body,
        });
        await audit({ action: "caregiver_report.amend", entityType: "caregiver_report", entityId: report.id });
        return { amendmentId: amendment.id, submittedAt: new Date(amendment.submitted_at).toISOString() };
      });
    },

    /** The caseworker marks the report received (and forwarded); the caregiver then sees it was received. */
    async receiveReport(actor: Actor, hearingId: string, input: z.infer<typeof CaregiverReportReceipt>) {
      const target = { hearingId };
      return withChild(actor, "practice:complete", target, {}, async ({ trx, now, audit }) => {
        const repo = hearingRepository(trx);
        const report = await repo.lockReport(hearingId);
        if (!report) throw new AppError("conflict", "practice.hearing.no_report");
        if (report.received_at) throw new AppError("conflict", "practice.hearing.already_received");
        await repo.markReceived(report.id, now, actor.userId, input.forwardedToCourt);
        if (input.forwardedToCourt)
          await taskRepository(trx, now).completeCourtReportTask(hearingId, now, actor.userId);
        await audit({ action: "caregiver_report.receive", entityType: "caregiver_report", entityId: report.id });
        return { receivedAt: now.toISOString(), forwardedToCourt: input.forwardedToCourt };
      });
    },
  };
}
