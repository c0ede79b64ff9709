import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { placementRepository } from "./placement-repository.js";

/**
 * Whether a court order keeps the child's caregiver from the birth parents on `day` (no contact, or no disclosure of
 * the caregiver's address and phone): the caregiver module shares nothing of the home's life book with them then.
 */
export function contactOrderInForce(db: Kysely<Database>, childId: string, day: string): Promise<boolean> {
  return placementRepository(db).noContactOrderOn(childId, day);
}
