import { z } from "zod";

/** Share a child's record with a named user of the child's site, for a stated reason, through a day. */
export const ShareCreate = z
  .object({
    email: z.email().max(254),
    reason: z.string().trim().min(3).max(500),
    /** The last day the share holds (inclusive), at most a year ahead. */
    endsOn: z.iso.date(),
  })
  .strict();

export const ShareView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  reason: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(["active", "ended", "revoked"]),
  grantedByName: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
});
export type ShareView = z.infer<typeof ShareView>;

export const ShareList = z.object({ shares: z.array(ShareView) });
export const ShareParams = z.object({ childId: z.uuid(), shareId: z.uuid() });
