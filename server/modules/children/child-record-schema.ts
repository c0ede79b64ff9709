import { z } from "zod";

const childFields = {
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  preferredName: z.string().trim().max(100).nullable().default(null),
  birthDate: z.iso.date(),
  sex: z.enum(["female", "male", "unknown"]),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .min(1)
    .max(6),
  icwa: z.boolean(),
  tribalAffiliation: z.string().trim().max(200).nullable().default(null),
  school: z.string().trim().max(200).nullable().default(null),
  schoolOfOrigin: z.string().trim().max(200).nullable().default(null),
};

/** Intake: a child new to the agency; the caseworker who records it joins the child's team. */
export const ChildCreate = z
  .object({ siteId: z.uuid(), caseNumber: z.string().trim().min(1).max(40), ...childFields })
  .strict();
export const ChildUpdate = z.object({ version: z.number().int().positive(), ...childFields }).strict();
export const ChildRecord = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  caseNumber: z.string(),
  version: z.number().int(),
  ...childFields,
});

/**
 * A person linked to the child: a birth parent, guardian or relative (new or existing), or a sibling who is another
 * child.
 */
export const RelationAdd = z
  .object({
    kind: z.enum(["birth_parent", "legal_guardian", "relative", "sibling_full", "sibling_half", "sibling_step"]),
    personId: z.uuid().optional(),
    person: z
      .object({
        givenName: z.string().trim().min(1).max(100),
        familyName: z.string().trim().min(1).max(100),
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
