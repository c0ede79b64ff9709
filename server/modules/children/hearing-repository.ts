import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { CourtHearingTable } from "./tables.js";

/** Court hearings and the caregiver's reports; the child-access gate has already scoped the child. */
export function hearingRepository(db: Kysely<Database>) {
  return {
    insertHearing(values: Insertable<CourtHearingTable>) {
      return db.insertInto("court_hearing").values(values).returning(["id"]).executeTakeFirstOrThrow();
    },

    /** The child's hearings, newest first, each with the caregiver's report if one was sent. */
    hearingsOf(childId: string) {
      return db
        .selectFrom("court_hearing as h")
        .leftJoin("caregiver_report as r", "r.hearing_id", "h.id")
        .select([
          "h.id",
          "h.child_id",
          "h.site_id",
          "h.hearing_on",
          "h.hearing_type",
          "h.department",
          "r.id as report_id",
          "r.submitted_at",
          "r.submitted_by",
          "r.body",
          "r.received_at",
          "r.forwarded_to_court",
        ])
        .where("h.child_id", "=", childId)
        .orderBy("h.hearing_on", "desc")
        .execute();
    },

    /** The hearing's report, locked, if one was sent. */
    lockReport(hearingId: string) {
      return db
        .selectFrom("caregiver_report")
        .selectAll()
        .where("hearing_id", "=", hearingId)
        .forUpdate()
        .executeTakeFirst();
    },

    insertReport(values: { hearingId: string; childId: string; submittedBy: string; body: string }) {
      return db
        .insertInto("caregiver_report")
        .values({
          hearing_id: values.hearingId,
          child_id: values.childId,
          submitted_by: values.submittedBy,
          body: values.body,
        })
        .returning(["id", "submitted_at"])
        .executeTakeFirstOrThrow();
    },

    /** The amendments of the reports of the child's hearings, oldest first. */
    amendmentsOf(childId: string) {
      return db
        .selectFrom("caregiver_report_amendment")
        .select(["id", "report_id", "submitted_by", "submitted_at", "body"])
        .where("child_id", "=", childId)
        .orderBy("submitted_at")
        .orderBy("id")
        .execute();
    },

    /** The hearing's day, for the rule that a report is amended only before its hearing. */
    hearingDay(hearingId: string) {
      return db.selectFrom("court_hearing").select("hearing_on").where("id", "=", hearingId).executeTakeFirstOrThrow();
    },

    insertAmendment(values: { reportId: string; childId: string; submittedBy: string; body: string }) {
      return db
        .insertInto("caregiver_report_amendment")
        .values({
          report_id: values.reportId,
          child_id: values.childId,
          submitted_by: values.submittedBy,
          body: values.body,
        })
        .returning(["id", "submitted_at"])
        .executeTakeFirstOrThrow();
    },

    async markReceived(reportId: string, at: Date, by: string, forwardedToCourt: boolean) {
      await db
        .updateTable("caregiver_report")
        .set((eb) => ({
          received_at: at,
          received_by: by,
          forwarded_to_court: forwardedToCourt,
          version: eb("version", "+", 1),
        }))
        .where("id", "=", reportId)
        .execute();
    },
  };
}
