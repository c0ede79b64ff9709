import type { Insertable, Kysely } from "kysely";
import type { ChildTeamMemberTable, Database } from "../../db/database.js";
import type { CaseworkerHandoverTable } from "./tables.js";
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

    /** The whole team, current and past, with the person's name, phone and email. */
    members(childId: string) {
      return db
        .selectFrom("child_team_member as t")
        .innerJoin("person as p", "p.id", "t.person_id")
        .select([
          "t.id",
          "t.person_id",
          "t.role",
          "t.starts_on",
          "t.ends_on",
          "p.given_name",
          "p.family_name",
          "p.email",
          "p.phone",
        ])
        .where("t.child_id", "=", childId)
        .orderBy("t.ends_on", (ob) => ob.desc().nullsFirst())
        .orderBy("t.starts_on", "desc")
        .execute();
    },

    /** The child's caseworker now (the open caseworker membership), locked for a handover. */
    lockOpenCaseworker(childId: string) {
      return db
        .selectFrom("child_team_member")
        .selectAll()
        .where("child_id", "=", childId)
        .where("role", "=", "caseworker")
        .where("ends_on", "is", null)
        .orderBy("starts_on", "desc")
        .forUpdate()
        .executeTakeFirst();
    },

    /** The child's open tasks, locked: a handover moves them to the new caseworker. */
    async lockOpenTasks(childId: string) {
      return db
        .selectFrom("practice_task")
        .select(["id", "practice"])
        .where("child_id", "=", childId)
        .where("status", "=", "open")
        .orderBy("id")
        .forUpdate()
        .execute();
    },

    /**
     * The moved tasks' reminders start again for the new caseworker: the
     * earlier caseworker's reminder rows go (they name a child that worker no
     * longer reaches, and an unsent email copy is not sent), and the reminder
     * job reminds the new caseworker.
     */
    async restartReminders(taskIds: string[]) {
      if (taskIds.length === 0) return;
      await db.deleteFrom("notification").where("task_id", "in", taskIds).where("kind", "=", "task_due").execute();
      await db.updateTable("practice_task").set({ reminded_at: null }).where("id", "in", taskIds).execute();
    },

    async insertHandover(values: Insertable<CaseworkerHandoverTable>) {
      const row = await db.insertInto("caseworker_handover").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    handovers(childId: string) {
      return db
        .selectFrom("caseworker_handover as h")
        .innerJoin("child_team_member as f", "f.id", "h.from_member_id")
        .innerJoin("person as fp", "fp.id", "f.person_id")
        .innerJoin("child_team_member as n", "n.id", "h.to_member_id")
        .innerJoin("person as np", "np.id", "n.person_id")
        .select([
          "h.id",
          "h.handed_over_on",
          "h.reason",
          "h.task_ids",
          "h.created_by",
          "h.created_at",
          "fp.given_name as from_given",
          "fp.family_name as from_family",
          "np.given_name as to_given",
          "np.family_name as to_family",
        ])
        .where("h.child_id", "=", childId)
        .orderBy("h.created_at", "desc")
        .execute();
    },

    async practicesOf(taskIds: string[]) {
      if (taskIds.length === 0) return new Map<string, string>();
      const rows = await db.selectFrom("practice_task").select(["id", "practice"]).where("id", "in", taskIds).execute();
      return new Map(rows.map((r) => [r.id, r.practice]));
    },
  };
}
