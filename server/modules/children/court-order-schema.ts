import { z } from "zod";

/** Kinds of court order the record knows; both keep the caregiver's address and phone from the birth parents. */
export const courtOrderKinds = ["no_contact", "no_contact_disclosure"] as const;

/** Records a court order from the day it holds, open-ended or through a last day. */
export const CourtOrderCreate = z
  .object({
    kind: z.enum(courtOrderKinds),
    startsOn: z.iso.date(),
    /** The last day the order holds (inclusive); absent while it holds without end. */
    endsOn: z.iso.date().optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

/** Ends an order: its last day (today or earlier to end it now) and the version the worker saw. */
export const CourtOrderEnd = z.object({ endsOn: z.iso.date(), version: z.number().int().min(1) }).strict();
export const CourtOrderParams = z.object({ childId: z.uuid(), orderId: z.uuid() });

export const CourtOrderView = z.object({
  id: z.uuid(),
  kind: z.enum(courtOrderKinds),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
  /** On the child's site day: holds now, starts later, or has ended. */
  status: z.enum(["active", "upcoming", "ended"]),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  endedByName: z.string().nullable(),
  version: z.number().int(),
});
export type CourtOrderView = z.infer<typeof CourtOrderView>;

export const CourtOrderList = z.object({
  orders: z.array(CourtOrderView),
  /** What the orders in force today change in what the record discloses. */
  effect: z.object({ caregiverContactHiddenFromBirthParents: z.boolean() }),
});
