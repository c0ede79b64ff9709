import { z } from "zod";

export const parties = ["caregiver", "agency", "birth_parent", "youth"] as const;
/** Who signs a placement's plan: the caregiver and a case-management representative. */
export const signingParties = ["caregiver", "agency"] as const;

/** A numbered commitment in both languages: Spanish is null where the version has no Spanish wording. */
export const Commitment = z.object({
  number: z.number().int().positive(),
  party: z.enum(parties),
  en: z.string(),
  es: z.string().nullable(),
});

export const PartnershipSignatureView = z.object({
  party: z.enum(signingParties),
  signerName: z.string(),
  typedName: z.string(),
  signedAt: z.string(),
  /** The SHA-256 of the plan's text as the signer was shown it, and whether the stored plan still reads the same. */
  textSha256: z.string(),
  matches: z.boolean(),
});

/** The plan of the child's current placement: the version signed (or the one in force), its text and signatures. */
export const PartnershipPlan = z.object({
  childId: z.uuid(),
  placementId: z.uuid().nullable(),
  template: z
    .object({
      id: z.uuid(),
      version: z.number().int(),
      effectiveFrom: z.string(),
      title: z.object({ en: z.string(), es: z.string().nullable() }),
      sourceNote: z.string(),
      /** "site" when the site adopted its own plan, "state" when the state's plan applies. */
      layer: z.enum(["site", "state"]),
      /** True when some of the version has no Spanish wording: the page shows it as missing, never machine-filled. */
      translationMissing: z.boolean(),
      commitments: z.array(Commitment),
      textSha256: z.string(),
    })
    .nullable(),
  signatures: z.array(PartnershipSignatureView),
  /** The party the caller signs for, when they may sign and have not yet. */
  maySignAs: z.enum(signingParties).nullable(),
});

export const PartnershipSign = z
  .object({
    /** The version the signer was shown (409 when another version is the plan now). */
    templateId: z.uuid(),
    typedName: z.string().trim().min(2).max(200),
    agree: z.literal(true, { error: "partnership.agree_required" }),
  })
  .strict();
