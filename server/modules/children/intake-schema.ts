import { z } from "zod";

const text = (max = 200) => z.string().max(max);

/**
 * What the worker has typed so far, as typed: every answer optional and only
 * bounded in size, so a half-filled step saves. Finishing the intake checks
 * them with the same schemas as the child, removal and team routes.
 */
export const IntakeAnswers = z
  .object({
    child: z
      .object({
        caseNumber: text(40),
        givenName: text(100),
        familyName: text(100),
        preferredName: text(100),
        birthDate: text(10),
        sex: text(10),
        languages: z.array(text(3)).max(6),
        icwa: z.boolean(),
        tribalAffiliation: text(),
        school: text(),
        schoolOfOrigin: text(),
      })
      .partial()
      .strict(),
    removal: z
      .object({ removalDate: text(10), removalTime: text(5), removalReason: text(40), legalAuthority: text(40) })
      .partial()
      .strict(),
    placement: z
      .object({ householdId: text(36), setting: text(40), startDate: text(10), startTime: text(5) })
      .partial()
      .strict(),
    team: z
      .array(
        z
          .object({ role: text(40), givenName: text(100), familyName: text(100), email: text(200), phone: text(40) })
          .partial()
          .strict(),
      )
      .max(10),
  })
  .partial()
  .strict();

export const intakeSteps = ["child", "removal", "placement", "team", "review"] as const;

export const IntakeDraftCreate = z.object({ siteId: z.uuid() }).strict();
export const IntakeDraftSave = z
  .object({ step: z.enum(intakeSteps), answers: IntakeAnswers, version: z.number().int().positive() })
  .strict();
export const IntakeDraftParams = z.object({ draftId: z.uuid() });

export const IntakeDraft = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  step: z.enum(intakeSteps),
  answers: IntakeAnswers,
  /** Set once the child's record exists (a finish that stopped later resumes from there). */
  childId: z.uuid().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type IntakeDraft = z.infer<typeof IntakeDraft>;
/** The draft with the homes of its site the first placement may be in, and the workers it can be handed to. */
export const IntakeDraftView = IntakeDraft.extend({
  handoverTo: z.array(z.object({ userId: z.uuid(), name: z.string() })),
  households: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.string(),
      city: z.string().nullable(),
    }),
  ),
});
export const IntakeDraftList = z.object({ drafts: z.array(IntakeDraft) });
export const IntakeFinished = z.object({ childId: z.uuid(), episodeId: z.uuid(), placementId: z.uuid() });

/** Hands an unfinished intake to another worker of its site, with the draft's version as the worker saw it. */
export const IntakeDraftHandover = z
  .object({ toUserId: z.uuid(), version: z.number().int().positive(), note: z.string().trim().max(500).optional() })
  .strict();
export const IntakeDraftHandedOver = z.object({
  id: z.uuid(),
  heldBy: z.object({ userId: z.uuid(), name: z.string() }),
});
