import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { heldPermissions } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { conflict, invalid, notFound } from "../../platform/errors/app-error.js";
import { readStoredFile, storeFile } from "../../platform/files/index.js";
import { signedTextSha256 } from "../../platform/signing/index.js";
import { documentsRepository } from "./documents-repository.js";
import type { DocumentReview, DocumentUpload, HouseholdDocuments, SignAttestation } from "./documents-schema.js";
import { householdPaperwork } from "./paperwork.js";
import { householdGate } from "./service.js";
import type { RfaAttestationTable } from "./tables.js";

/** Whether the caller reaches the home as its RFA worker (staff pages) or as its own applicant or caregiver. */
export type DocumentsSeat = "staff" | "own";

type Attestation = Omit<RfaAttestationTable, "id"> & { id: string };
const attestationText = (a: Attestation, locale: "en" | "es") => (locale === "es" ? a.text_es : a.text_en);

/**
 * The approval documents of a home and the applicant's signed statements. The RFA worker (household:read to see,
 * household:write to upload and review) and the family itself (household:own) reach the same home through the
 * module's gate — permission first, then the scoped read, 404 out of reach — and every read, upload, review and
 * signature is audited in its transaction.
 */
export function householdDocumentsService(db: Kysely<Database>, now: () => Date) {
  const gate = householdGate(db, now);
  const readPermission = (seat: DocumentsSeat) => (seat === "staff" ? "household:read" : "household:own");
  const writePermission = (seat: DocumentsSeat) => (seat === "staff" ? "household:write" : "household:own");
  const fileUrl = (seat: DocumentsSeat, householdId: string, documentId: string) =>
    seat === "staff"
      ? `/api/households/${householdId}/documents/${documentId}/file`
      : `/api/my-household/${householdId}/documents/${documentId}/file`;

  async function view(
    trx: Parameters<Parameters<ReturnType<typeof householdGate>>[3]>[0]["trx"],
    actor: Actor,
    seat: DocumentsSeat,
    home: { id: string; site_id: string; current_stage: string },
    stateCode: string,
    today: string,
  ): Promise<z.infer<typeof HouseholdDocuments>> {
    const repository = documentsRepository(trx);
    const [paperwork, attestations, signatures] = await Promise.all([
      householdPaperwork(trx, home.id, stateCode, today),
      repository.attestationsOn(stateCode, today),
      repository.signatures(home.id),
    ]);
    // One version per statement: the newest in force.
    const current = attestations.filter((a, i) => attestations.findIndex((b) => b.code === a.code) === i);
    const allVersions = new Map<string, Attestation>();
    for (const s of signatures) {
      if (!allVersions.has(s.attestation_id)) {
        const a = await repository.attestation(s.attestation_id);
        if (a) allVersions.set(a.id, a);
      }
    }
    const locale = actor.locale;
    const mayReview =
      seat === "staff" &&
      heldPermissions(actor, "household:write").some((p) => p.siteId === home.site_id && p.scope === "site");
    return {
      householdId: home.id,
      stateCode,
      established: paperwork.length > 0,
      requirements: paperwork.map(({ requirement, uploads, state }) => ({
        code: requirement.code,
        providedBy: requirement.provided_by,
        blocksApproval: requirement.blocks_approval,
        sourceUrl: requirement.source_url,
        sourceNote: requirement.source_note,
        state,
        documents: uploads.map((d) => ({
          id: d.id,
          fileName: d.file_name,
          contentType: d.content_type,
          byteSize: d.byte_size,
          uploadedAs: d.uploaded_as,
          uploadedAt: new Date(d.created_at).toISOString(),
          status: d.status,
          reviewedAt: d.reviewed_at ? new Date(d.reviewed_at).toISOString() : null,
          reviewReason: d.review_reason,
          fileUrl: fileUrl(seat, home.id, d.id),
        })),
      })),
      attestations: current.map((a) => {
        const signed = signatures.filter((s) => allVersions.get(s.attestation_id)?.code === a.code);
        return {
          id: a.id,
          code: a.code,
          version: a.version,
          text: attestationText(a, locale),
          locale,
          textSha256: signedTextSha256(attestationText(a, locale)),
          signatures: signed.map((s) => {
            const version = allVersions.get(s.attestation_id)!;
            return {
              typedName: s.typed_name,
              signedAt: s.signed_at.toISOString(),
              textSha256: s.text_sha256,
              matches: signedTextSha256(attestationText(version, s.locale)) === s.text_sha256,
            };
          }),
          maySign: seat === "own" && !signed.some((s) => s.signer_user_id === actor.userId),
        };
      }),
      // Only an application in progress waits for anything; an approved or ended home's list is its record.
      missing: ["approved", "withdrawn", "denied", "closed"].includes(home.current_stage)
        ? []
        : paperwork
            .filter((p) => p.requirement.blocks_approval && p.state !== "accepted")
            .map((p) => `document:${p.requirement.code}`),
      mayReview,
    };
  }

  return {
    list(actor: Actor, householdId: string, seat: DocumentsSeat) {
      return gate(actor, readPermission(seat), householdId, async ({ trx, home, today, stateCode }) => {
        await recordAudit(trx, actor, {
          action: "household.documents.read",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          outcome: "success",
        });
        return view(trx, actor, seat, home, stateCode, today);
      });
    },

    /**
     * An upload for one requirement of the state's list: the family sends what they provide, the RFA worker may
     * send any (a paper form scanned). The file store checks the type from the content, strips photo metadata and
     * refuses more than 10 MB.
     */
    upload(actor: Actor, householdId: string, input: z.infer<typeof DocumentUpload>, seat: DocumentsSeat) {
      return gate(actor, writePermission(seat), householdId, async ({ trx, home, today, stateCode }) => {
        const requirements = await documentsRepository(trx).requirementsOn(stateCode, today);
        const requirement = requirements.find((r) => r.code === input.requirementCode);
        if (!requirement || (seat === "own" && requirement.provided_by !== "applicant"))
          throw invalid([{ field: "requirementCode", messageKey: "homes.document.unknown" }]);
        const stored = await storeFile(
          trx,
          {
            siteId: home.site_id,
            uploadedBy: actor.userId,
            bytes: Buffer.from(input.contentBase64, "base64"),
            fileName: input.fileName,
          },
          "contentBase64",
        );
        const row = await documentsRepository(trx).insertDocument({
          household_id: home.id,
          site_id: home.site_id,
          requirement_id: requirement.id,
          file_id: stored.id,
          uploaded_by: actor.userId,
          uploaded_as: seat === "own" ? "applicant" : "worker",
        });
        await recordAudit(trx, actor, {
          action: "household.document.upload",
          entityType: "household_document",
          entityId: row.id,
          siteId: home.site_id,
          purpose: requirement.code,
          outcome: "success",
        });
        return view(trx, actor, seat, home, stateCode, today);
      });
    },

    /** The RFA worker accepts or rejects an upload (a rejection says why); a reviewed upload is not reviewed again. */
    review(actor: Actor, householdId: string, documentId: string, input: z.infer<typeof DocumentReview>) {
      return gate(actor, "household:write", householdId, async ({ trx, home, today, stateCode }) => {
        const repository = documentsRepository(trx);
        const document = await repository.document(home.id, documentId, true);
        if (!document) throw notFound();
        const reason = input.reason?.trim() || null;
        if (input.decision === "rejected" && (reason ?? "").length < 3)
          throw invalid([{ field: "reason", messageKey: "homes.document.reason_required" }]);
        if (document.status !== "submitted") throw conflict("homes.document.already_reviewed");
        await repository.review(document.id, input.decision, actor.userId, now(), reason);
        await recordAudit(trx, actor, {
          action: "household.document.review",
          entityType: "household_document",
          entityId: document.id,
          siteId: home.site_id,
          purpose: input.decision,
          outcome: "success",
        });
        return view(trx, actor, "staff", home, stateCode, today);
      });
    },

    /** One uploaded file's bytes, for the home's RFA worker or its own family (audited). */
    file(actor: Actor, householdId: string, documentId: string, seat: DocumentsSeat) {
      return gate(actor, readPermission(seat), householdId, async ({ trx, home }) => {
        const document = await documentsRepository(trx).document(home.id, documentId);
        if (!document) throw notFound();
        const file = await readStoredFile(trx, document.file_id);
        if (!file) throw notFound();
        await recordAudit(trx, actor, {
          action: "household.document.file",
          entityType: "household_document",
          entityId: document.id,
          siteId: home.site_id,
          outcome: "success",
        });
        return file;
      });
    },

    /**
     * The family signs a statement: the typed name, the agreement, the account, the instant and the SHA-256 of the
     * exact text shown in their language. A version no longer in force is refused (409) so the page shows the new
     * one; signing twice is refused too.
     */
    sign(actor: Actor, householdId: string, input: z.infer<typeof SignAttestation>) {
      return gate(actor, "household:own", householdId, async ({ trx, home, today, stateCode }) => {
        const repository = documentsRepository(trx);
        const inForce = await repository.attestationsOn(stateCode, today);
        const current = inForce.filter((a, i) => inForce.findIndex((b) => b.code === a.code) === i);
        const attestation = current.find((a) => a.id === input.attestationId);
        if (!attestation) {
          const known = await repository.attestation(input.attestationId);
          if (!known) throw invalid([{ field: "attestationId", messageKey: "homes.sign.unknown" }]);
          throw conflict("homes.sign.superseded");
        }
        const locale = actor.locale;
        const inserted = await repository.insertSignature({
          household_id: home.id,
          site_id: home.site_id,
          attestation_id: attestation.id,
          signer_user_id: actor.userId,
          typed_name: input.typedName,
          locale,
          text_sha256: signedTextSha256(attestationText(attestation, locale)),
          signed_at: now(),
        });
        if (!inserted) throw conflict("homes.sign.already_signed");
        await recordAudit(trx, actor, {
          action: "household.attestation.sign",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          purpose: attestation.code,
          outcome: "success",
        });
        return view(trx, actor, "own", home, stateCode, today);
      });
    },
  };
}
