import { z } from "zod";

/**
 * A maltreatment report of the child's case record; who reported is present only for actors who may read reporter
 * identity.
 */
export const MaltreatmentReportView = z.object({
  id: z.uuid(),
  receivedOn: z.string(),
  /** When the maltreatment happened, when the report says; null when it does not. */
  incidentOn: z.string().nullable(),
  allegation: z.string(),
  disposition: z.string(),
  reporterName: z.string().nullable().optional(),
  reporterRole: z.string().nullable().optional(),
});
export const MaltreatmentReportList = z.object({ reports: z.array(MaltreatmentReportView) });
