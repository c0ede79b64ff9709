import { z } from "zod";

export const teamRoles = [
  "caseworker",
  "supervisor",
  "casa",
  "guardian_ad_litem",
  "attorney",
  "education_rights_holder",
  "therapist",
] as const;
const roles = teamRoles;

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

/** One member of the child's team with the person's phone and email, current or past. */
export const TeamMemberView = TeamMemberWritten.extend({
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

/** A caseworker handover as the team's history shows it: who to whom, when, why, and the open tasks that moved. */
export const HandoverView = z.object({
  id: z.uuid(),
  handedOverOn: z.string(),
  fromName: z.string(),
  toName: z.string(),
  reason: z.string(),
  tasks: z.array(z.object({ id: z.uuid(), practice: z.string() })),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});

export const TeamView = z.object({ members: z.array(TeamMemberView), handovers: z.array(HandoverView) });

/** Replaces the child's caseworker from a day: the new caseworker takes the child's open tasks. */
export const CaseworkerHandover = z
  .object({
    caseworkerPersonId: z.uuid(),
    /** The new caseworker's first day; the current caseworker's last is the day before. */
    handoverOn: z.iso.date(),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();

export const HandoverWritten = z.object({
  handover: HandoverView,
  /** The open tasks that now sit on the new caseworker's worklist. */
  movedTaskIds: z.array(z.uuid()),
});

/** The caseworkers of the child's site a handover can go to. */
export const CaseworkerChoices = z.object({
  caseworkers: z.array(z.object({ personId: z.uuid(), name: z.string(), current: z.boolean() })),
});
