import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { CasePlanTaskTable, FamilyAgreementTable, FamilyMessageTable } from "./tables.js";
import "./tables.js";
import "../../platform/files/tables.js";

/**
 * The channel's and the case plan's SQL. Every query runs after the child gate found the child through the actor's
 * scope, and is further bound to the child and, for a party, to the agreement that names them.
 */
export function channelRepository(db: Kysely<Database>) {
  const agreementColumns = [
    "a.id",
    "a.child_id",
    "a.site_id",
    "a.birth_parent_person_id",
    "a.household_id",
    "a.agreed_on",
    "a.note",
    "a.paused_at",
    "a.pause_reason",
    "a.version",
    "h.name as household_name",
    "p.given_name as parent_given_name",
    "p.family_name as parent_family_name",
  ] as const;
  const agreements = () =>
    db
      .selectFrom("family_agreement as a")
      .innerJoin("household as h", "h.id", "a.household_id")
      .innerJoin("person as p", "p.id", "a.birth_parent_person_id")
      .select(agreementColumns)
      .where("a.ended_on", "is", null);

  return {
    /** Agreements in force for the child with the home it lives in now, of one parent when given. */
    currentAgreements(childId: string, householdId: string, parentPersonId?: string) {
      let q = agreements().where("a.child_id", "=", childId).where("a.household_id", "=", householdId);
      if (parentPersonId) q = q.where("a.birth_parent_person_id", "=", parentPersonId);
      return q.orderBy("a.agreed_on").orderBy("a.id").execute();
    },

    /** Every agreement of the child (staff), newest first. */
    allAgreements(childId: string) {
      return agreements().where("a.child_id", "=", childId).orderBy("a.agreed_on", "desc").orderBy("a.id").execute();
    },

    agreement(childId: string, agreementId: string) {
      return agreements().where("a.child_id", "=", childId).where("a.id", "=", agreementId).executeTakeFirst();
    },

    async isHouseholdMember(personId: string, householdId: string) {
      const row = await db
        .selectFrom("household_member")
        .select("person_id")
        .where("household_id", "=", householdId)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return row !== undefined;
    },

    householdMembers(householdId: string) {
      return db
        .selectFrom("household_member")
        .select("person_id")
        .where("household_id", "=", householdId)
        .execute()
        .then((rows) => rows.map((r) => r.person_id));
    },

    parentsOf(childId: string) {
      return db
        .selectFrom("child_relation as cr")
        .innerJoin("person as p", "p.id", "cr.person_id")
        .select(["p.id", "p.given_name", "p.family_name"])
        .where("cr.child_id", "=", childId)
        .where("cr.kind", "in", ["birth_parent", "legal_guardian"])
        .orderBy("p.given_name")
        .execute();
    },

    messages(agreementIds: readonly string[]) {
      if (agreementIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("family_message as m")
        .innerJoin("user_account as u", "u.id", "m.sender_user_id")
        .innerJoin("person as p", "p.id", "u.person_id")
        .leftJoin("stored_file as f", "f.id", "m.file_id")
        .select([
          "m.id",
          "m.agreement_id",
          "m.sender_user_id",
          "m.sender_side",
          "m.body",
          "m.created_at",
          "m.file_id",
          "f.file_name",
          "f.content_type",
          "p.given_name",
          "p.family_name",
          "p.preferred_name",
        ])
        .where("m.agreement_id", "in", agreementIds)
        .orderBy("m.created_at")
        .orderBy("m.id")
        .execute();
    },

    message(childId: string, messageId: string) {
      return db
        .selectFrom("family_message")
        .select(["id", "agreement_id", "file_id"])
        .where("child_id", "=", childId)
        .where("id", "=", messageId)
        .executeTakeFirst();
    },

    insertAgreement(values: Insertable<FamilyAgreementTable>) {
      return db.insertInto("family_agreement").values(values).returning("id").executeTakeFirstOrThrow();
    },

    setPaused(agreementId: string, pause: { by: string; reason: string | null } | null) {
      return db
        .updateTable("family_agreement")
        .set((eb) => ({
          paused_at: pause ? new Date() : null,
          paused_by: pause?.by ?? null,
          pause_reason: pause?.reason ?? null,
          version: eb("version", "+", 1),
        }))
        .where("id", "=", agreementId)
        .execute();
    },

    insertMessage(values: Insertable<FamilyMessageTable>) {
      return db.insertInto("family_message").values(values).returning(["id", "created_at"]).executeTakeFirstOrThrow();
    },

    /* Case-plan tasks. */

    tasks(childId: string, sharedOnly: boolean) {
      let q = db.selectFrom("case_plan_task").selectAll().where("child_id", "=", childId);
      if (sharedOnly) q = q.where("shared_with_parent", "=", true);
      return q.orderBy("due_on").orderBy("created_at").orderBy("id").execute();
    },

    task(childId: string, taskId: string) {
      return db
        .selectFrom("case_plan_task")
        .selectAll()
        .where("child_id", "=", childId)
        .where("id", "=", taskId)
        .executeTakeFirst();
    },

    taskUpdates(taskIds: readonly string[]) {
      if (taskIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("case_plan_task_update as tu")
        .innerJoin("user_account as u", "u.id", "tu.user_id")
        .innerJoin("person as p", "p.id", "u.person_id")
        .select(["tu.task_id", "tu.status", "tu.note", "tu.created_at", "p.given_name", "p.family_name"])
        .where("tu.task_id", "in", taskIds)
        .orderBy("tu.created_at")
        .orderBy("tu.id")
        .execute();
    },

    insertTask(values: Insertable<CasePlanTaskTable>) {
      return db.insertInto("case_plan_task").values(values).returning("id").executeTakeFirstOrThrow();
    },

    setTaskShared(taskId: string, shared: boolean) {
      return db
        .updateTable("case_plan_task")
        .set((eb) => ({ shared_with_parent: shared, version: eb("version", "+", 1) }))
        .where("id", "=", taskId)
        .execute();
    },

    async recordProgress(taskId: string, userId: string, status: "in_progress" | "done", note: string | null) {
      await db.insertInto("case_plan_task_update").values({ task_id: taskId, user_id: userId, status, note }).execute();
      await db
        .updateTable("case_plan_task")
        .set((eb) => ({ status, version: eb("version", "+", 1) }))
        .where("id", "=", taskId)
        .execute();
    },
  };
}

export type AgreementRow = NonNullable<Awaited<ReturnType<ReturnType<typeof channelRepository>["agreement"]>>>;
export type MessageRow = Awaited<ReturnType<ReturnType<typeof channelRepository>["messages"]>>[number];
