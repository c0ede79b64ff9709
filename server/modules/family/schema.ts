import { z } from "zod";
import { LifeBookItemView } from "../caregiver/schema.js";

/** The birth parent's children (their own, through family:read). */
export const FamilyChildren = z.object({
  children: z.array(z.object({ id: z.uuid(), firstName: z.string() })),
});

export const FamilyChildParams = z.object({ childId: z.uuid() });

/**
 * The birth parent's page about their child, written for the parent. The home
 * is named by the household's name unless a court order forbids disclosing it
 * (then `name` is null and the page says "the resource family"); address and
 * phone are present only when the caregiver consented and no order forbids it.
 */
export const MyChild = z.object({
  id: z.uuid(),
  firstName: z.string(),
  home: z
    .object({
      name: z.string().nullable(),
      city: z.string().nullable().optional(),
      addressLine1: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
    })
    .nullable(),
  hearings: z.array(z.object({ on: z.string(), type: z.string() })),
  meetings: z.array(
    z.object({
      id: z.uuid(),
      practice: z.enum(["icebreaker", "cft_meeting", "sibling_visit"]),
      status: z.enum(["open", "completed", "not_required"]),
      dueOn: z.string().nullable(),
      completedOn: z.string().nullable(),
      /** The meeting's date when the caseworker scheduled it. */
      scheduledFor: z.string().nullable(),
    }),
  ),
  caseworker: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  /** Where the life book's items shared by the caregiver go (wired at merge from the caregiver module). */
  /** Photos and milestones the caregiver shared from the child's life book. */
  sharedItems: z.array(LifeBookItemView),
});

/**
 * The youth's own page: their team and how to reach them, their court dates,
 * where they live, and their rights (the state's rule-set content, with its
 * source). Below the rule set's age the page is closed (`open` false) and
 * carries nothing else. Never maltreatment reports or staff notes.
 */
export const YouthPage = z.object({
  open: z.boolean(),
  minAge: z.number().int().nullable(),
  firstName: z.string(),
  team: z.array(
    z.object({
      role: z.enum([
        "caseworker",
        "supervisor",
        "casa",
        "guardian_ad_litem",
        "attorney",
        "education_rights_holder",
        "therapist",
      ]),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  hearings: z.array(z.object({ on: z.string(), type: z.string() })),
  home: z.object({ name: z.string(), city: z.string().nullable() }).nullable(),
  rights: z.object({ items: z.array(z.string()), sourceTitle: z.string(), sourceUrl: z.string() }).nullable(),
});
