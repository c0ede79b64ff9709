import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import "./tables.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Documents and signatures of one household the service has already reached through its gate: every query names
 * the household, so a document id of another home finds nothing.
 */
export function documentsRepository(db: Db) {
  return {
    /** The document requirements of a state in force on `day` (none: "not established" for that state). */
    requirementsOn(stateCode: string, day: string) {
      return db
        .selectFrom("rfa_document_requirement")
        .selectAll()
        .where("state_code", "=", stateCode)
        .where("effective_from", "<=", day)
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", day)]))
        .orderBy("sort_order")
        .execute();
    },

    documents(householdId: string) {
      return db
        .selectFrom("household_document as d")
        .innerJoin("stored_file as f", "f.id", "d.file_id")
        .select([
          "d.id",
          "d.requirement_id",
          "d.file_id",
          "d.uploaded_by",
          "d.uploaded_as",
          "d.status",
          "d.reviewed_by",
          "d.reviewed_at",
          "d.review_reason",
          "d.created_at",
          "f.file_name",
          "f.content_type",
          "f.byte_size",
        ])
        .where("d.household_id", "=", householdId)
        .orderBy("d.created_at")
        .execute();
    },

    document(householdId: string, documentId: string, lock = false) {
      let query = db
        .selectFrom("household_document")
        .selectAll()
        .where("household_id", "=", householdId)
        .where("id", "=", documentId);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    insertDocument(values: {
      household_id: string;
      site_id: string;
      requirement_id: string;
      file_id: string;
      uploaded_by: string;
      uploaded_as: "applicant" | "worker";
    }) {
      return db.insertInto("household_document").values(values).returning("id").executeTakeFirstOrThrow();
    },

    review(documentId: string, status: "accepted" | "rejected", by: string, at: Date, reason: string | null) {
      return db
        .updateTable("household_document")
        .set({ status, reviewed_by: by, reviewed_at: at, review_reason: reason })
        .where("id", "=", documentId)
        .where("status", "=", "submitted")
        .executeTakeFirst();
    },

    /** The attestations in force on `day` for a state: the state's own and the platform's (state null). */
    attestationsOn(stateCode: string, day: string) {
      return db
        .selectFrom("rfa_attestation")
        .selectAll()
        .where((eb) => eb.or([eb("state_code", "is", null), eb("state_code", "=", stateCode)]))
        .where("effective_from", "<=", day)
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", day)]))
        .orderBy("code")
        .orderBy("version", "desc")
        .execute();
    },

    attestation(id: string) {
      return db.selectFrom("rfa_attestation").selectAll().where("id", "=", id).executeTakeFirst();
    },

    signatures(householdId: string) {
      return db
        .selectFrom("household_signature")
        .selectAll()
        .where("household_id", "=", householdId)
        .orderBy("signed_at")
        .execute();
    },

    insertSignature(values: {
      household_id: string;
      site_id: string;
      attestation_id: string;
      signer_user_id: string;
      typed_name: string;
      locale: "en" | "es";
      text_sha256: string;
      signed_at: Date;
    }) {
      return db
        .insertInto("household_signature")
        .values(values)
        .onConflict((oc) => oc.columns(["household_id", "attestation_id", "signer_user_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
    },
  };
}
