import { type Insertable, type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { IntakeDraftTable, RecordCorrectionTable } from "./case-life-tables.js";
import "./tables.js";

/** Why a task closed without being done when the child's placement ended (an exit from care). */
export const PLACEMENT_ENDED = "placement_ended";
/** A task of a planned move withdrawn before it started. */
export const MOVE_WITHDRAWN = "move_withdrawn";

/** Exits, corrections and intake drafts; the child-access gate (or the draft's author check) has scoped the rows. */
export function caseLifeRepository(db: Kysely<Database>) {
  return {
    /**
     * Closes the open placement tasks of an episode as not applicable: the
     * placement ended. They stay in the task history; timeliness counts them
     * as not required (never late) and the worklist shows only open tasks.
     */
    closeEpisodeTasks(childId: string, episodeId: string) {
      return db
        .updateTable("practice_task")
        .set((eb) => ({ status: "not_required", not_required_reason: PLACEMENT_ENDED, version: eb("version", "+", 1) }))
        .where("child_id", "=", childId)
        .where("status", "=", "open")
        .where("placement_id", "in", (eb) =>
          eb.selectFrom("placement").select("placement.id").where("placement.episode_id", "=", episodeId),
        )
        .returning(["id", "practice"])
        .execute();
    },

    /**
     * A planned move withdrawn before it started: its open tasks no longer apply, every task keeps its history
     * but no longer points at a placement that never held, and the plan's steps go with the placement.
     */
    async withdrawPlacement(placementId: string) {
      const closed = await db
        .updateTable("practice_task")
        .set((eb) => ({ status: "not_required", not_required_reason: MOVE_WITHDRAWN, version: eb("version", "+", 1) }))
        .where("placement_id", "=", placementId)
        .where("status", "=", "open")
        .returning(["id"])
        .execute();
      await db
        .updateTable("practice_task")
        .set({ placement_id: null })
        .where("placement_id", "=", placementId)
        .execute();
      await db.deleteFrom("transition_plan").where("placement_id", "=", placementId).execute();
      await db.deleteFrom("placement").where("id", "=", placementId).execute();
      return closed.length;
    },

    /** The placement before `placementId` in its episode whose end is that placement's start, to reopen. */
    async reopenPrevious(episodeId: string, endDate: string) {
      await db
        .updateTable("placement")
        .set((eb) => ({ end_date: null, version: eb("version", "+", 1) }))
        .where("episode_id", "=", episodeId)
        .where("end_date", "=", endDate)
        .execute();
    },

    episode(childId: string, episodeId: string) {
      return db
        .selectFrom("removal_episode")
        .selectAll()
        .where("child_id", "=", childId)
        .where("id", "=", episodeId)
        .forUpdate()
        .executeTakeFirst();
    },

    placement(childId: string, placementId: string) {
      return db
        .selectFrom("placement")
        .selectAll()
        .where("child_id", "=", childId)
        .where("id", "=", placementId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** The placements of an episode, first to last. */
    episodePlacements(episodeId: string) {
      return db
        .selectFrom("placement")
        .selectAll()
        .where("episode_id", "=", episodeId)
        .orderBy("start_date", "asc")
        .forUpdate()
        .execute();
    },

    async setPlacement(
      placementId: string,
      values: Partial<{ start_date: string; end_date: string; setting: Database["placement"]["setting"] }>,
    ) {
      await db
        .updateTable("placement")
        .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
        .where("id", "=", placementId)
        .execute();
    },

    async setEpisode(
      episodeId: string,
      values: Partial<{
        removal_date: string;
        exit_date: string;
        exit_reason: Database["removal_episode"]["exit_reason"];
        removal_reason: string;
        legal_authority: "voluntary" | "court_ordered" | "not_yet_determined";
      }>,
    ) {
      await db
        .updateTable("removal_episode")
        .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
        .where("id", "=", episodeId)
        .execute();
    },

    insertCorrection(values: Insertable<RecordCorrectionTable>) {
      return db.insertInto("record_correction").values(values).returning(["id"]).executeTakeFirstOrThrow();
    },

    corrections(childId: string) {
      return db
        .selectFrom("record_correction as c")
        .innerJoin("user_account as u", "u.id", "c.corrected_by")
        .innerJoin("person as p", "p.id", "u.person_id")
        .select([
          "c.id",
          "c.entity_type",
          "c.entity_id",
          "c.field",
          "c.old_value",
          "c.new_value",
          "c.reason",
          "c.created_at",
          "p.given_name",
          "p.family_name",
        ])
        .where("c.child_id", "=", childId)
        .orderBy("c.created_at", "desc")
        .orderBy("c.id")
        .execute();
    },

    /** The open, approved homes of a site, told apart by city and address (the intake's first placement). */
    households(siteId: string) {
      return db
        .selectFrom("household")
        .select(["id", "name", "kind", "city", "address_line1"])
        .where("site_id", "=", siteId)
        .where("approved_on", "is not", null)
        .where("closed_on", "is", null)
        .orderBy("name")
        .orderBy("city")
        .execute();
    },

    insertDraft(values: Insertable<IntakeDraftTable>) {
      return db.insertInto("intake_draft").values(values).returningAll().executeTakeFirstOrThrow();
    },

    /** The holder's unfinished draft (anyone else's, or a finished one, is not there for them). */
    draft(userId: string, draftId: string) {
      return db
        .selectFrom("intake_draft")
        .selectAll()
        .where("id", "=", draftId)
        .where("held_by", "=", userId)
        .where("completed_at", "is", null)
        .forUpdate()
        .executeTakeFirst();
    },

    drafts(userId: string) {
      return db
        .selectFrom("intake_draft")
        .selectAll()
        .where("held_by", "=", userId)
        .where("completed_at", "is", null)
        .orderBy("updated_at", "desc")
        .limit(20)
        .execute();
    },

    updateDraft(draftId: string, values: { step: IntakeDraftTable["step"]; answers: string }) {
      return db
        .updateTable("intake_draft")
        .set((eb) => ({ ...values, updated_at: sql`now()`, version: eb("version", "+", 1) }))
        .where("id", "=", draftId)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Hands the draft to another worker: they hold it from now on, and its version moves (a stale save is a 409). */
    handDraft(draftId: string, toUserId: string) {
      return db
        .updateTable("intake_draft")
        .set((eb) => ({ held_by: toUserId, updated_at: sql`now()`, version: eb("version", "+", 1) }))
        .where("id", "=", draftId)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async setDraftChild(draftId: string, childId: string) {
      await db.updateTable("intake_draft").set({ child_id: childId }).where("id", "=", draftId).execute();
    },

    async completeDraft(draftId: string) {
      await db.updateTable("intake_draft").set({ completed_at: sql`now()` }).where("id", "=", draftId).execute();
    },
  };
}
