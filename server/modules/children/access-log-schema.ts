import { z } from "zod";

export const AccessLogQuery = z.object({
  /** Rows written before this one (the previous page's nextBefore: an audit row's insertion id). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const AccessLogEntry = z.object({
  id: z.number().int(),
  /** Null until the audit sealer has chained the row (normally within a second). */
  seq: z.number().int().nullable(),
  occurredAt: z.string(),
  actor: z.object({ userId: z.uuid(), name: z.string() }).nullable(),
  roles: z.array(z.string()),
  action: z.string(),
  outcome: z.enum(["success", "denied", "failure"]),
  purpose: z.string().nullable(),
  fieldClasses: z.array(z.string()),
});

export const AccessLog = z.object({ entries: z.array(AccessLogEntry), nextBefore: z.number().int().nullable() });
