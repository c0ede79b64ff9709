import { z } from "zod";

/** A maltreatment report of the child's case record; who reported is present only for actors who may read reporter identity. */
export const MaltreatmentReportView = z.object({
  id: z.uuid(),
  receivedOn: z.string(),
  allegation: z.string(),
  disposition: z.string(),
  reporterName: z.string().nullable().optional(),
  reporterRole: z.string().nullable().optional(),
});
export const MaltreatmentReportList = z.object({ reports: z.array(MaltreatmentReportView) });
