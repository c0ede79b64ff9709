import { z } from "zod";

export const AccessLogQuery = z.object({
  /** Rows older than this seq (the previous page's nextBefore). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const AccessLogEntry = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actor: z.object({ userId: z.uuid(), name: z.string() }).nullable(),
  roles: z.array(z.string()),
  action: z.string(),
  outcome: z.enum(["success", "denied", "failure"]),
  purpose: z.string().nullable(),
  fieldClasses: z.array(z.string()),
});

export const AccessLog = z.object({ entries: z.array(AccessLogEntry), nextBefore: z.number().int().nullable() });
