import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import type { Permission } from "../../platform/access/permissions.js";
import { childGate } from "./child-access.js";

export interface MatchingChild {
  id: string;
  givenName: string;
  birthDate: string | null;
  languages: string[];
  tribe: string | null;
}

/**
 * What placement matching needs of one child and the siblings in care at its site (its sibling group): ages,
 * languages, tribe, the birth parents' postal codes, and how many children each home has now. Read through the
 * child gate with `permission` (the matching module's), so a child out of reach is 404, and audited.
 */
export function childMatchingFacts(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  return (actor: Actor, permission: Permission, childId: string) =>
    withChild(actor, permission, childId, {}, async ({ trx, child, today, audit }) => {
      const self = await trx
        .selectFrom("child")
        .select("person_id")
        .where("id", "=", childId)
        .executeTakeFirstOrThrow();
      const siblingPersons = await trx
        .selectFrom("child_relation")
        .select("person_id")
        .where("child_id", "=", childId)
        .where("kind", "in", ["sibling_full", "sibling_half", "sibling_step"])
        .execute();
      const inCare = (ids: string[]) =>
        ids.length === 0
          ? Promise.resolve([])
          : trx
              .selectFrom("child as c")
              .innerJoin("person as p", "p.id", "c.person_id")
              .innerJoin("placement as pl", "pl.child_id", "c.id")
              .select(["c.id", "p.given_name", "p.birth_date", "c.languages", "c.tribal_affiliation"])
              .where("c.person_id", "in", ids)
              .where("c.site_id", "=", child.site_id)
              .where("pl.start_date", "<=", today)
              .where((eb) => eb.or([eb("pl.end_date", "is", null), eb("pl.end_date", ">", today)]))
              .execute();
      const group = await inCare([self.person_id, ...siblingPersons.map((s) => s.person_id)]);
      const parents = await trx
        .selectFrom("child_relation as r")
        .innerJoin("person as p", "p.id", "r.person_id")
        .select("p.postal_code")
        .where(
          "r.child_id",
          "in",
          group.map((g) => g.id),
        )
        .where("r.kind", "in", ["birth_parent", "legal_guardian"])
        .where("p.postal_code", "is not", null)
        .execute();
      const placed = await trx
        .selectFrom("placement")
        .select((eb) => ["household_id", eb.fn.countAll<string>().as("n")])
        .where("site_id", "=", child.site_id)
        .where("household_id", "is not", null)
        .where("start_date", "<=", today)
        .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">", today)]))
        .groupBy("household_id")
        .execute();
      // Each home's past placements that lasted 90 days or more, with the child's age when it began: the home's
      // history with children like these (counted by the matching module, which knows the group's ages).
      const history = await trx
        .selectFrom("placement as pl")
        .innerJoin("child as c", "c.id", "pl.child_id")
        .innerJoin("person as p", "p.id", "c.person_id")
        .select(["pl.household_id", "pl.start_date", "pl.end_date", "p.birth_date"])
        .where("pl.site_id", "=", child.site_id)
        .where("pl.household_id", "is not", null)
        .where("pl.end_date", "is not", null)
        .where("p.birth_date", "is not", null)
        .execute();
      const lasting = new Map<string, { startedOn: string; birthDate: string }[]>();
      for (const h of history) {
        if (Date.parse(h.end_date as string) - Date.parse(h.start_date) < 90 * 86_400_000) continue;
        const list = lasting.get(h.household_id as string) ?? [];
        list.push({ startedOn: h.start_date, birthDate: h.birth_date as string });
        lasting.set(h.household_id as string, list);
      }
      await audit({ action: "household.match", entityIds: group.map((g) => g.id), entityId: null });
      return {
        siteId: child.site_id,
        today,
        children: group.map((g) => ({
          id: g.id,
          givenName: g.given_name,
          birthDate: g.birth_date,
          languages: g.languages,
          tribe: g.tribal_affiliation,
        })) as MatchingChild[],
        parentPostalCodes: [...new Set(parents.map((p) => p.postal_code as string))],
        placedByHousehold: new Map(placed.map((p) => [p.household_id as string, Number(p.n)])),
        lastingPlacementsByHousehold: lasting,
        /** Households the group's children live in now (not candidates for a move to the same home). */
        currentHomes: new Set<string>(),
      };
    });
}
