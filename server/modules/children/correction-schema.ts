import { z } from "zod";

/** The fields a correction may change: mistyped dates and settings, never who or where (that is a move). */
export const placementCorrectable = ["startDate", "endDate", "setting"] as const;
export const episodeCorrectable = ["removalDate", "exitDate", "exitReason", "removalReason", "legalAuthority"] as const;

/** A correction of one field of a placement or a removal episode, with the worker's reason. */
export const CorrectionCreate = z
  .object({
    entityType: z.enum(["placement", "removal_episode"]),
    entityId: z.uuid(),
    /** The record's version as the worker saw it (409 when it changed since). */
    version: z.number().int().positive(),
    field: z.enum([...placementCorrectable, ...episodeCorrectable]),
    value: z.string().trim().min(1).max(40),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();

export const CorrectionWritten = z.object({
  id: z.uuid(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
