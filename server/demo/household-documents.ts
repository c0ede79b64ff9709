import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { storeFile } from "../platform/files/index.js";
import { APPLICANT_EMAIL } from "./resource-families.js";

/** A one-page PDF standing in for a scanned form (the demo keeps no real family's paperwork). */
const SCANNED_FORM = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const ORDER = ["inquiry", "orientation", "application", "background_checks", "training", "home_assessment"];

/**
 * Approval documents in the demo (issue 14): applicants past the training step have sent their statement and
 * training certificate and the RFA worker has accepted them; from the family evaluation on the home checklist is
 * on file, and at the written report the report too — so a home at that step is ready to approve. The demo
 * applicant (at training) has sent their statement, waiting for review, and has a certificate rejected with a reason.
 * Only states with an established document list (California) get documents.
 */
export async function seedHouseholdDocuments(db: Kysely<Database>, asOf: string) {
  await db.transaction().execute(async (trx) => {
    const requirements = await trx.selectFrom("rfa_document_requirement").selectAll().execute();
    const homes = await trx
      .selectFrom("household as h")
      .innerJoin("site as s", "s.id", "h.site_id")
      .select(["h.id", "h.site_id", "h.stage", "s.state_code"])
      .where("h.stage", "in", ["training", "home_assessment", "psychosocial", "written_report"])
      .execute();
    const workers = await trx
      .selectFrom("role_grant")
      .select(["user_id", "site_id"])
      .where("role_code", "=", "rfa_worker")
      .execute();
    const applicant = await trx
      .selectFrom("user_account as u")
      .innerJoin("household_member as m", "m.person_id", "u.person_id")
      .select(["u.id", "m.household_id"])
      .where("u.email", "=", APPLICANT_EMAIL)
      .executeTakeFirst();
    const reviewedAt = new Date(`${asOf}T17:00:00Z`);
    for (const home of homes) {
      const worker = workers.find((w) => w.site_id === home.site_id)?.user_id;
      const own = requirements.filter((r) => r.state_code === home.state_code);
      if (!worker || own.length === 0) continue;
      const step = ORDER.indexOf(home.stage ?? "");
      const wanted = [
        ...(step < 0 || step > ORDER.indexOf("training")
          ? ["rfa_01b_criminal_record_statement", "pre_approval_training_certificate"]
          : []),
        ...(home.stage === "psychosocial" || home.stage === "written_report"
          ? ["rfa_03_home_health_safety_checklist"]
          : []),
        ...(home.stage === "written_report" ? ["rfa_05_written_report"] : []),
      ];
      const isApplicant = applicant?.household_id === home.id;
      const plan: { code: string; status: "accepted" | "submitted" | "rejected"; reason?: string }[] = isApplicant
        ? [
            {
              code: "pre_approval_training_certificate",
              status: "rejected",
              reason: "The certificate shows 6 hours; send it again when all 12 hours are done.",
            },
            { code: "rfa_01b_criminal_record_statement", status: "submitted" },
          ]
        : wanted.map((code) => ({ code, status: "accepted" as const }));
      for (const entry of plan) {
        const requirement = own.find((r) => r.code === entry.code);
        if (!requirement) continue;
        const uploader = isApplicant && applicant ? applicant.id : worker;
        const file = await storeFile(trx, {
          siteId: home.site_id,
          uploadedBy: uploader,
          bytes: SCANNED_FORM,
          fileName: `${entry.code.replace(/_/g, "-")}.pdf`,
        });
        await trx
          .insertInto("household_document")
          .values({
            household_id: home.id,
            site_id: home.site_id,
            requirement_id: requirement.id,
            file_id: file.id,
            uploaded_by: uploader,
            uploaded_as: isApplicant ? "applicant" : "worker",
            status: entry.status,
            reviewed_by: entry.status === "submitted" ? null : worker,
            reviewed_at: entry.status === "submitted" ? null : reviewedAt,
            review_reason: entry.reason ?? null,
          })
          .execute();
      }
    }
  });
}
