import { z } from "zod";

/** Contracts of the approval documents and the applicant's e-signed attestations, shared with the web. */

export const HouseholdDocumentParams = z.object({ householdId: z.uuid(), documentId: z.uuid() });

/** The file travels base64-encoded in the JSON body (about 7 MB of file within the route's 10 MB body). */
export const DocumentUpload = z
  .object({
    requirementCode: z.string().trim().min(2).max(60),
    fileName: z.string().trim().min(1).max(300),
    contentBase64: z.string().min(1),
  })
  .strict();

export const DocumentReview = z
  .object({
    decision: z.enum(["accepted", "rejected"]),
    /** Required (at least 3 characters) to reject: the applicant reads it. */
    reason: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();

export const SignAttestation = z
  .object({
    /** The attestation version the signer was shown (409 when another version is in force now). */
    attestationId: z.uuid(),
    typedName: z.string().trim().min(2).max(200),
    agree: z.literal(true, { error: "homes.sign.agree_required" }),
  })
  .strict();

const DocumentView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  uploadedAs: z.enum(["applicant", "worker"]),
  uploadedAt: z.string(),
  status: z.enum(["submitted", "accepted", "rejected"]),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  /** Where the file's bytes are served for this caller. */
  fileUrl: z.string(),
});

export const HouseholdDocuments = z.object({
  householdId: z.uuid(),
  stateCode: z.string(),
  /** False where no document list is established for the state: nothing is asked, the page says so. */
  established: z.boolean(),
  requirements: z.array(
    z.object({
      code: z.string(),
      providedBy: z.enum(["applicant", "worker"]),
      blocksApproval: z.boolean(),
      sourceUrl: z.string(),
      sourceNote: z.string(),
      /** accepted, submitted (waiting for review), rejected (send again), missing. */
      state: z.enum(["accepted", "submitted", "rejected", "missing"]),
      documents: z.array(DocumentView),
    }),
  ),
  attestations: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      version: z.number().int(),
      /** The text in the caller's language: what a signature's SHA-256 is taken of. */
      text: z.string(),
      locale: z.enum(["en", "es"]),
      textSha256: z.string(),
      signatures: z.array(
        z.object({
          typedName: z.string(),
          signedAt: z.string(),
          textSha256: z.string(),
          /** Whether the stored text still hashes to what was signed. */
          matches: z.boolean(),
        }),
      ),
      /** Whether the caller may sign it now (an applicant who has not yet). */
      maySign: z.boolean(),
    }),
  ),
  /** Codes of what approval still waits for: `document:<code>` and `attestation:<code>`. */
  missing: z.array(z.string()),
  mayReview: z.boolean(),
});
