import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { redact } from "../../platform/access/field-classes.js";
import { childGate } from "./child-access.js";
import { childRecordRepository } from "./child-record-repository.js";
import type { MaltreatmentReportView } from "./report-schema.js";

type ReportView = z.infer<typeof MaltreatmentReportView>;

/** The maltreatment reports of a child's case record, read-only; the reporter's identity is a field class. */
export function reportService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  return {
    async list(actor: Actor, childId: string): Promise<{ reports: ReportView[] }> {
      return withChild(actor, "child:read", childId, {}, async ({ trx, disclosure: disclosed, audit }) => {
        const disclosure = await disclosed();
        const rows = await childRecordRepository(trx).maltreatmentReports(childId);
        const showReporter = disclosure.readable.has("reporter_identity");
        await audit({
          action: "maltreatment_report.list",
          fieldClasses: showReporter ? ["case_history", "reporter_identity"] : ["case_history"],
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
