import { z } from "zod";

export const concernTopics = ["practice", "communication", "barrier", "other"] as const;
export const concernStatuses = ["open", "acknowledged", "responded", "closed"] as const;
export const concernSteps = ["acknowledge", "respond", "close"] as const;

/** A concern raised from one's own page: what about, in one's own words, and whether staff may see one's name. */
export const ConcernRaise = z
  .object({
    concernTopic: z.enum(concernTopics),
    concern: z.string().trim().min(10).max(4000),
    shareName: z.boolean(),
  })
  .strict();

/** Where to report abuse or neglect: the jurisdiction's line when on record, else null (the page's generic text). */
export const AbuseReportLine = z
  .object({ name: z.string(), phone: z.string(), sourceUrl: z.string(), checkedOn: z.string() })
  .nullable();

/** A concern as its raiser reads it: status and the coordinator's answer, never who handled it. */
export const MyConcern = z.object({
  id: z.uuid(),
  topic: z.enum(concernTopics),
  text: z.string(),
  shareName: z.boolean(),
  status: z.enum(concernStatuses),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const MyConcerns = z.object({ reportLine: AbuseReportLine, concerns: z.array(MyConcern) });

/** A concern as the site's QPI coordinator reads it: the raiser's name only when they chose to share it. */
export const SiteConcern = MyConcern.extend({
  raiserRole: z.enum(["caregiver", "birth_parent", "youth"]),
  raiserName: z.string().nullable(),
  version: z.number().int(),
});

export const SiteConcerns = z.object({ concerns: z.array(SiteConcern) });

export const SiteParams = z.object({ siteId: z.uuid() });
export const ConcernParams = z.object({ concernId: z.uuid() });

/** The coordinator's next step: acknowledge; answer (the person reads it); close with a note. */
export const ConcernStep = z
  .object({
    concernStep: z.enum(concernSteps),
    concernReply: z.string().trim().min(1).max(4000).optional(),
    version: z.number().int().positive(),
  })
  .strict();
