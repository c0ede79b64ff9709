import { z } from "zod";

export const HearingCreate = z
  .object({
    hearingOn: z.iso.date(),
    hearingType: z.enum(["detention", "jurisdiction", "disposition", "review", "permanency", "tpr", "other"]),
    department: z.string().trim().min(1).max(120),
    /** The worker confirms a hearing date more than 30 days past or 2 years ahead (date-bounds.ts). */
    confirmUnusualDate: z.boolean().default(false),
  })
  .strict();
export const HearingParams = z.object({ hearingId: z.uuid() });
export const CaregiverReportSubmit = z.object({ body: z.string().trim().min(1).max(20000) }).strict();
export const CaregiverReportAmendment = z.object({ body: z.string().trim().min(1).max(20000) }).strict();
export const CaregiverReportReceipt = z.object({ forwardedToCourt: z.boolean() }).strict();

export const HearingView = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  hearingOn: z.string(),
  hearingType: z.string(),
  department: z.string(),
  report: z
    .object({
      submittedAt: z.string(),
      submittedByName: z.string(),
      body: z.string(),
      receivedAt: z.string().nullable(),
      forwardedToCourt: z.boolean(),
      /** What the caregiver added before the hearing, oldest first; the original `body` never changes. */
      amendments: z.array(
        z.object({ id: z.uuid(), submittedAt: z.string(), submittedByName: z.string(), body: z.string() }),
      ),
      /** Whether the caregiver may still add an amendment (before the hearing's day at the site). */
      amendable: z.boolean(),
    })
    .nullable(),
});
export const HearingList = z.object({ hearings: z.array(HearingView) });
