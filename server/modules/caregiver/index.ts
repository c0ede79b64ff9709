import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerCaregiverRoutes } from "./routes.js";
import { caregiverService } from "./service.js";

/** The caregiver's side of the team: my children, the health and education summary, everyday decisions, life book. */
export const caregiverModule: ModuleDescriptor = {
  name: "caregiver",
  routes: [registerCaregiverRoutes],
  messages: { en, es },
  permissions: ["caregiver_home:read", "caregiver_home:write", "health_summary:write", "rpp_decision:read"],
};

/**
 * The life-book items the caregiver chose to share with the birth parents, for the birth-parent page: only for an
 * actor who reaches the child as its birth parent or legal guardian, nothing while a court order keeps the caregiver
 * from the parents; audited. `photoUrl` of each photo is `${photoBase}/${itemId}/photo` (the caller serves it with
 * `sharedLifeBookPhotoForBirthParent`). 404 when the child is out of reach.
 */
export function sharedLifeBookItemsForBirthParent(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  options: { now?: () => Date; photoBase: string },
) {
  return caregiverService(db, options.now ?? (() => new Date())).sharedForBirthParent(
    actor,
    childId,
    options.photoBase,
  );
}

/** A shared life-book photo's bytes and type for the birth parent (the same checks; 404 otherwise). */
export function sharedLifeBookPhotoForBirthParent(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  itemId: string,
  options: { now?: () => Date } = {},
) {
  return caregiverService(db, options.now ?? (() => new Date())).sharedPhotoForBirthParent(actor, childId, itemId);
}
/**
 * The children placed in the caregiver's home now, with their ages' facts and needs as flags, for the training
 * module's recommendations (audited here; 403 without caregiver_home:read).
 */
export function childrenInMyHomeForTraining(db: Kysely<Database>, actor: Actor, options: { now?: () => Date } = {}) {
  return caregiverService(db, options.now ?? (() => new Date())).childrenForTraining(actor);
}
export { HealthSummaryContent, LifeBookItemView } from "./schema.js";
