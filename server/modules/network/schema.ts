import { z } from "zod";

export const SiteSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  stateCode: z.string(),
  stateName: z.string(),
  kind: z.string(),
  timeZone: z.string(),
  qpiLaunchDate: z.string().nullable(),
});
export type SiteSummary = z.infer<typeof SiteSummary>;

export const UnitSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(["office", "unit"]),
  parentUnitId: z.uuid().nullable(),
  staffCount: z.number().int(),
});

export const SiteDetail = SiteSummary.extend({
  units: z.array(UnitSummary),
  staffByRole: z.array(z.object({ role: z.string(), count: z.number().int() })),
});
export type SiteDetail = z.infer<typeof SiteDetail>;

export const SiteIdParams = z.object({ siteId: z.uuid() });
export const SiteList = z.object({ sites: z.array(SiteSummary) });
