import { z } from "zod";

export const ChildListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ChildListItem = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  caseNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  birthDate: z.string().nullable(),
  inCare: z.boolean(),
  currentSetting: z.string().nullable(),
  placedSince: z.string().nullable(),
});
export type ChildListItem = z.infer<typeof ChildListItem>;

export const ChildList = z.object({ children: z.array(ChildListItem), total: z.number().int() });
export const ChildIdParams = z.object({ childId: z.uuid() });
