import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { type ChildReach, childReach } from "../../platform/access/child-reach.js";
import { type FieldClass, readableFieldClasses } from "../../platform/access/field-classes.js";
import { placementRepository } from "./placement-repository.js";

export interface CaregiverHome {
  householdId: string;
  householdName: string;
  addressLine1: string | null;
  city: string | null;
  postalCode: string | null;
  phone: string | null;
}

export interface ChildDisclosure {
  reach: ChildReach;
  /** The sensitive field classes this actor may read in this child's record. */
  readable: ReadonlySet<FieldClass>;
  /** Where the child lives on the site day (the household of the placement in force), if anywhere. */
  home: CaregiverHome | null;
  /** A court order in force today forbids disclosing the caregiver's whereabouts to the birth parents. */
  courtOrderForbidsContact: boolean;
}

/**
 * What of one child's record the actor may read: the scopes that reach it,
 * then the field classes (field-classes.ts) given the facts only this module
 * knows — the caregiver's recorded consent to share contact details with the
 * birth parents, and whether a court order forbids disclosing them.
 * `today` is the child's site day (a court order holds on it; the home is the one of the placement in force on it). Call it only
 * after a scoped query found the child.
 */
export async function childDisclosure(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  today: string,
): Promise<ChildDisclosure | null> {
  const reach = await childReach(db, actor, childId);
  if (!reach) return null;
  const repo = placementRepository(db);
  const [household, courtOrderForbidsContact] = [
    await repo.currentHome(childId, today),
    await repo.noContactOrderOn(childId, today),
  ];
  const readable = readableFieldClasses(actor, {
    siteId: reach.siteId,
    reachedThrough: reach.reachedThrough,
    caregiverConsentsToShareContact: household?.contact_shared_with_birth_parents ?? false,
    courtOrderForbidsContact,
  });
  const home = household
    ? {
        householdId: household.id,
        householdName: household.name,
        addressLine1: household.address_line1,
        city: household.city,
        postalCode: household.postal_code,
        phone: household.phone,
      }
    : null;
  return { reach, readable, home, courtOrderForbidsContact };
}
