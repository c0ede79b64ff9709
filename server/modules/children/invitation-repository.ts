import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import "./tables.js";

/** The people of one child's record an invitation can name; the child-access gate has already scoped the child. */
export function invitationRepository(db: Kysely<Database>) {
  return {
    /**
     * The child themself, their birth parents and legal guardians, and the
     * members of the home the child lives in on `today` (the placement in force).
     */
    async peopleOfRecord(childId: string, today: string) {
      const person = ["p.id", "p.given_name", "p.family_name", "p.email", "p.preferred_language"] as const;
      const [youth, parents, caregivers] = [
        await db
          .selectFrom("child as c")
          .innerJoin("person as p", "p.id", "c.person_id")
          .select(person)
          .where("c.id", "=", childId)
          .execute(),
        await db
          .selectFrom("child_relation as r")
          .innerJoin("person as p", "p.id", "r.person_id")
          .select(person)
          .where("r.child_id", "=", childId)
          .where("r.kind", "in", ["birth_parent", "legal_guardian"])
          .execute(),
        await db
          .selectFrom("placement as pl")
          .innerJoin("household_member as hm", "hm.household_id", "pl.household_id")
          .innerJoin("person as p", "p.id", "hm.person_id")
          .select(person)
          .where("pl.child_id", "=", childId)
          .where("hm.role", "in", ["primary_caregiver", "caregiver"])
          .where("pl.start_date", "<=", today)
          .where((w) => w.or([w("pl.end_date", "is", null), w("pl.end_date", ">", today)]))
          .execute(),
      ];
      const as = (role: "youth" | "birth_parent" | "caregiver") => (p: (typeof youth)[number]) => ({ ...p, role });
      return [...youth.map(as("youth")), ...parents.map(as("birth_parent")), ...caregivers.map(as("caregiver"))];
    },
  };
}
