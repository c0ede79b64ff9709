import type { Insertable, Kysely } from "kysely";
import type { ChildTeamMemberTable, Database } from "../../db/database.js";
import "./tables.js";

/** The child's team with dates; the child-access gate has already scoped the child. */
export function teamRepository(db: Kysely<Database>) {
  return {
    insertMember(values: Insertable<ChildTeamMemberTable>) {
      return db
        .insertInto("child_team_member")
        .values(values)
        .returning(["id", "person_id", "role", "starts_on", "ends_on"])
        .executeTakeFirstOrThrow();
    },

    /** The person's open membership in this role, if any. */
    openMembership(childId: string, personId: string, role: ChildTeamMemberTable["role"]) {
      return db
        .selectFrom("child_team_member")
        .select("id")
        .where("child_id", "=", childId)
        .where("person_id", "=", personId)
        .where("role", "=", role)
        .where("ends_on", "is", null)
        .executeTakeFirst();
    },

    lockMember(childId: string, memberId: string) {
      return db
        .selectFrom("child_team_member")
        .selectAll()
        .where("id", "=", memberId)
        .where("child_id", "=", childId)
        .forUpdate()
        .executeTakeFirst();
    },

    async endMember(memberId: string, endsOn: string) {
      await db.updateTable("child_team_member").set({ ends_on: endsOn }).where("id", "=", memberId).execute();
    },
  };
}
