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
  /** The start of a placement recorded for a later day (a planned move): not where the child lives yet. */
  upcomingMoveOn: z.string().nullable(),
});
export type ChildListItem = z.infer<typeof ChildListItem>;

/**
 * What the actor may do on this child's record, from their permissions and
 * their reach to this child (a record reached only through a share is read-only):
 * the page offers an action only when the server would allow it.
 */
export const ChildAbilities = z.object({
  readTasks: z.boolean(),
  completeTasks: z.boolean(),
  recordPlacementChange: z.boolean(),
  editRecord: z.boolean(),
  manageTeam: z.boolean(),
  readHearings: z.boolean(),
  recordHearing: z.boolean(),
  acknowledgeCourtReport: z.boolean(),
  submitCourtReport: z.boolean(),
  share: z.boolean(),
  readAccessLog: z.boolean(),
});
export type ChildAbilities = z.infer<typeof ChildAbilities>;

/** One child as its page opens it: the list item and the actor's abilities on the record. */
export const ChildView = ChildListItem.extend({ abilities: ChildAbilities });
export type ChildView = z.infer<typeof ChildView>;

export const ChildList = z.object({ children: z.array(ChildListItem), total: z.number().int() });
export const ChildIdParams = z.object({ childId: z.uuid() });
