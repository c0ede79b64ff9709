import { z } from "zod";

const roles = ["caseworker", "supervisor", "casa", "guardian_ad_litem", "attorney", "education_rights_holder"] as const;

/** Adds someone to the child's team: an existing person of the site, or a new one (a CASA, an attorney). */
export const TeamMemberAdd = z
  .object({
    role: z.enum(roles),
    startsOn: z.iso.date(),
    /** The worker confirms a start more than a year ahead (date-bounds.ts); before the child's birth is never right. */
    confirmUnusualDate: z.boolean().default(false),
    personId: z.uuid().optional(),
    person: z
      .object({
        givenName: z.string().trim().min(1).max(100),
        familyName: z.string().trim().min(1).max(100),
        email: z.email().max(200).optional(),
        phone: z.string().trim().max(40).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => (b.personId === undefined) !== (b.person === undefined), {
    path: ["personId"],
    params: { messageKey: "practice.team.person_or_new" },
  });

export const TeamMemberEnd = z.object({ endsOn: z.iso.date() }).strict();
export const TeamMemberParams = z.object({ childId: z.uuid(), memberId: z.uuid() });
export const TeamMemberWritten = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  role: z.enum(roles),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
