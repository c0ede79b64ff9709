import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { purposeOfRead } from "../../platform/access/child-reach.js";
import { redact } from "../../platform/access/field-classes.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { childDisclosure } from "./disclosure.js";
import { placementRepository } from "./placement-repository.js";
import type { MaltreatmentReportView } from "./report-schema.js";

type ReportView = z.infer<typeof MaltreatmentReportView>;

/** The maltreatment reports of a child's case record, read-only; the reporter's identity is a field class. */
export function reportService(db: Kysely<Database>) {
  return {
    async list(actor: Actor, childId: string): Promise<{ reports: ReportView[] }> {
      requireAccess(actor, "child:read");
      return db.transaction().execute(async (trx) => {
        const child = await placementRepository(trx).childFor(actor, "child:read", childId);
        if (!child) throw new AppError("not_found");
        const disclosure = (await childDisclosure(trx, actor, childId))!;
        const rows = await trx
          .selectFrom("maltreatment_report")
          .select(["id", "received_on", "incident_on", "allegation", "disposition", "reporter_name", "reporter_role"])
          .where("child_id", "=", childId)
          .orderBy("received_on", "desc")
          .execute();
        const showReporter = disclosure.readable.has("reporter_identity");
        await recordAudit(trx, actor, {
          action: "maltreatment_report.list",
          entityType: "child",
          entityId: childId,
          siteId: child.site_id,
          fieldClasses: showReporter ? ["case_history", "reporter_identity"] : ["case_history"],
          purpose: purposeOfRead(disclosure.reach),
          outcome: "success",
        });
        const reports = rows.map(
          (r) =>
            redact(
              {
                id: r.id,
                receivedOn: r.received_on,
                incidentOn: r.incident_on,
                allegation: r.allegation,
                disposition: r.disposition,
                reporterName: r.reporter_name,
                reporterRole: r.reporter_role,
              },
              { reporterName: "reporter_identity", reporterRole: "reporter_identity" },
              disclosure.readable,
            ) as ReportView,
        );
        return { reports };
      });
    },
  };
}
