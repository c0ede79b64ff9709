import { z } from "zod";

/** The caregiver's side of the team: contracts shared with the web (web/features/caregiver/types.ts). */

const text = (max: number) => z.string().trim().max(max);
const day = z.iso.date();

export const HealthProvider = z.object({
  kind: z.enum(["doctor", "dentist", "mental_health", "vision", "other"]),
  name: text(200).min(1),
  phone: text(40),
});
export const Medication = z.object({
  name: text(200).min(1),
  instructions: text(1000),
});

/** The health and education summary the agency gives the caregiver; staff keep it, every version is kept. */
export const HealthSummaryContent = z.object({
  providers: z.array(HealthProvider).max(20),
  school: text(200),
  grade: text(40),
  schoolOfOrigin: text(200),
  educationRightsHolder: text(200),
  immunizations: text(2000),
  allergies: text(1000),
  medications: z.array(Medication).max(30),
  treatments: text(2000),
  behaviours: text(2000),
  languageAndCulture: text(2000),
  /** The child's Medi-Cal (Medicaid) number; the caregiver sees it masked and reveals it on purpose (audited). */
  mediCalNumber: text(20).regex(/^[A-Za-z0-9-]*$/),
});
export type HealthSummaryContent = z.infer<typeof HealthSummaryContent>;

export const HealthSummarySave = z.object({
  /** The version the editor started from (0 when there was none). */
  version: z.number().int().min(0),
  content: HealthSummaryContent,
});

export const HealthSummaryVersion = z.object({
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export const StaffHealthSummary = z.object({
  childId: z.uuid(),
  childName: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  content: HealthSummaryContent.nullable(),
  history: z.array(HealthSummaryVersion),
});

export const MyChildListItem = z.object({
  childId: z.uuid(),
  name: z.string(),
  birthDate: z.string().nullable(),
  placedSince: z.string(),
});
export const MyChildList = z.object({ children: z.array(MyChildListItem) });

/** The summary as the caregiver reads it: the Medi-Cal number masked ("•••• 1234"). */
export const CaregiverHealthSummary = HealthSummaryContent.omit({ mediCalNumber: true }).extend({
  mediCalNumberMasked: z.string().nullable(),
});
export const MyChildView = MyChildListItem.extend({
  languages: z.array(z.string()),
  tribalAffiliation: z.string().nullable(),
  summary: CaregiverHealthSummary.nullable(),
  summaryUpdatedAt: z.string().nullable(),
});

export const RevealInput = z.object({ field: z.enum(["mediCalNumber"]) });
export const RevealView = z.object({ field: z.enum(["mediCalNumber"]), value: z.string() });

export const RppDecisionInput = z.object({
  kind: z.enum(["sleepover", "trip", "babysitting", "activity", "other"]),
  decidedOn: day,
  description: text(2000).min(1),
});
export const RppDecisionView = RppDecisionInput.extend({
  id: z.uuid(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export const RppDecisionList = z.object({ decisions: z.array(RppDecisionView) });

export const LifeBookPhotoUpload = z.object({
  fileName: text(200).min(1),
  /** The photo's bytes, base64-encoded: about 7 MB of photo within the route's 10 MB body. */
  contentBase64: z.string().max(10_400_000),
});
export const LifeBookItemInput = z.object({
  kind: z.enum(["photo", "milestone"]),
  happenedOn: day,
  title: text(200).min(1),
  note: text(2000).optional(),
  photo: LifeBookPhotoUpload.optional(),
  sharedWithBirthParent: z.boolean(),
});
export const LifeBookShareInput = z.object({ sharedWithBirthParent: z.boolean() });
export const LifeBookItemView = z.object({
  id: z.uuid(),
  kind: z.enum(["photo", "milestone"]),
  happenedOn: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  /** Where the photo's bytes are served (absent for a milestone). */
  photoUrl: z.string().nullable(),
  sharedWithBirthParent: z.boolean(),
  version: z.number().int(),
});
export const LifeBookList = z.object({ items: z.array(LifeBookItemView) });

export const ChildParams = z.object({ childId: z.uuid() });
export const LifeBookItemParams = z.object({ childId: z.uuid(), itemId: z.uuid() });
