import { z } from "zod";

/** The roles a person of the child's record is invited with: the child themself, a parent, a caregiver of the home. */
export const recordRoles = ["youth", "birth_parent", "caregiver"] as const;

/** One person of the child's record who can be invited, with whether they have an account already. */
export const InvitationCandidate = z.object({
  personId: z.uuid(),
  name: z.string(),
  role: z.enum(recordRoles),
  /** The email on the person's record, to start the form from (the account may use another). */
  email: z.string().nullable(),
  /** The language on the person's record, the invitation's language unless the worker chooses another. */
  language: z.enum(["en", "es"]),
  account: z.enum(["invited", "active", "disabled"]).nullable(),
});
export const InvitationCandidates = z.object({ people: z.array(InvitationCandidate) });

/** Invites a person already on the child's record with the role they hold there. */
export const ChildInvitationCreate = z
  .object({
    personId: z.uuid(),
    role: z.enum(recordRoles),
    email: z.email().max(254),
    language: z.enum(["en", "es"]),
  })
  .strict();
