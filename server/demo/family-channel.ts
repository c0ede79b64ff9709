import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { storeFile } from "../platform/files/index.js";
import { addCalendarDays, zonedDay } from "../platform/rules/zoned-time.js";
import { demoPhoto } from "./caregiver-records.js";
import type { DemoNetwork } from "./generate-network.js";

/**
 * The families' channel in the demo: the demo birth parent's child (placed with the demo caregiver) has the
 * families' agreement in place, recorded by the demo caseworker after the icebreaker, and a short thread with a
 * photo, so the parent's and the caregiver's demo sign-ins both see it; the agency shares three case-plan tasks with
 * the parent (one with the parent's own update) and keeps a fourth to itself. The child under the demo's
 * non-disclosure order also has an agreement, so staff see a channel paused by the order. Nothing is added twice.
 */
export async function seedDemoFamilyChannel(db: Kysely<Database>, net: DemoNetwork) {
  const userOf = (email: string) => net.users.find((u) => u.email === email);
  const caseworker = userOf("caseworker@demo.qpi.example");
  const parent = userOf("parent@demo.qpi.example");
  const caregiver = userOf("caregiver@demo.qpi.example");
  if (!caseworker || !parent || !caregiver) return;
  const home = net.householdMembers.find((m) => m.person_id === caregiver.person_id)?.household_id;
  const familyChild = net.childRelations.find(
    (r) =>
      r.person_id === parent.person_id &&
      net.placements.some((p) => p.child_id === r.child_id && p.end_date == null && p.household_id === home),
  )?.child_id;
  if (!familyChild || !home) return;
  const site = await db
    .selectFrom("child")
    .innerJoin("site", "site.id", "child.site_id")
    .select(["site.id", "site.time_zone"])
    .where("child.id", "=", familyChild)
    .executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom("family_agreement")
    .select("id")
    .where("child_id", "=", familyChild)
    .executeTakeFirst();
  if (existing) return;
  const today = zonedDay(new Date(), site.time_zone);
  let threadToSend:
    | {
        agreementId: string;
        thread: { from: string; side: "caregiver" | "birth_parent"; body: string; file: string | null }[];
      }
    | undefined;
  await db.transaction().execute(async (trx) => {
    const agreement = await trx
      .insertInto("family_agreement")
      .values({
        child_id: familyChild,
        site_id: site.id,
        birth_parent_person_id: parent.person_id,
        household_id: home,
        agreed_on: addCalendarDays(today, -12),
        caregiver_agreed: true,
        parent_agreed: true,
        note: "Agreed at the icebreaker meeting: photos and school news, messages through the platform.",
        recorded_by: caseworker.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const photo = await storeFile(trx, {
      siteId: site.id,
      uploadedBy: caregiver.id,
      bytes: demoPhoto(),
      fileName: "soccer.png",
    });
    const thread = [
      {
        from: caregiver.id,
        side: "caregiver" as const,
        body: "Hello! We wanted to say hi and tell you the first week went well.",
        file: null,
      },
      {
        from: parent.id,
        side: "birth_parent" as const,
        body: "Gracias. ¿Está comiendo bien? Le gusta el arroz con pollo.",
        file: null,
      },
      {
        from: caregiver.id,
        side: "caregiver" as const,
        body: "Yes, and we made arroz con pollo on Sunday. Here is a photo from soccer practice.",
        file: photo.id,
      },
    ];
    // Each message in its own statement after this transaction: created_at is the statement's transaction time, and
    // the thread reads in that order.
    threadToSend = { agreementId: agreement.id, thread };

    const tasks = [
      { kind: "class" as const, title: "Parenting class (8 weeks)", due: 45, shared: true },
      { kind: "visit" as const, title: "Weekly family time, Saturdays at the family center", due: 4, shared: true },
      { kind: "service" as const, title: "Counseling intake appointment", due: 10, shared: true },
      { kind: "service" as const, title: "Request the school records", due: 7, shared: false },
    ];
    for (const task of tasks) {
      const row = await trx
        .insertInto("case_plan_task")
        .values({
          child_id: familyChild,
          site_id: site.id,
          kind: task.kind,
          title: task.title,
          due_on: addCalendarDays(today, task.due),
          shared_with_parent: task.shared,
          created_by: caseworker.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (task.kind === "class") {
        await trx
          .insertInto("case_plan_task_update")
          .values({ task_id: row.id, user_id: parent.id, status: "in_progress", note: "Fui a la primera clase." })
          .execute();
        await trx.updateTable("case_plan_task").set({ status: "in_progress" }).where("id", "=", row.id).execute();
      }
    }

    // The child under the demo's non-disclosure order: an agreement with its parent and home, paused by the order.
    const ordered = await trx
      .selectFrom("court_order")
      .innerJoin("placement", "placement.child_id", "court_order.child_id")
      .innerJoin("child_relation", "child_relation.child_id", "court_order.child_id")
      .select(["court_order.child_id", "placement.household_id", "child_relation.person_id"])
      .where("court_order.site_id", "=", site.id)
      .where("court_order.kind", "=", "no_contact_disclosure")
      .where("placement.end_date", "is", null)
      .where("placement.household_id", "is not", null)
      .where("child_relation.kind", "=", "birth_parent")
      .orderBy("court_order.child_id")
      .executeTakeFirst();
    if (ordered?.household_id)
      await trx
        .insertInto("family_agreement")
        .values({
          child_id: ordered.child_id,
          site_id: site.id,
          birth_parent_person_id: ordered.person_id,
          household_id: ordered.household_id,
          agreed_on: addCalendarDays(today, -60),
          caregiver_agreed: true,
          parent_agreed: true,
          note: null,
          recorded_by: caseworker.id,
        })
        .execute();
  });
  if (!threadToSend) return;
  for (const m of threadToSend.thread)
    await db
      .insertInto("family_message")
      .values({
        agreement_id: threadToSend.agreementId,
        child_id: familyChild,
        site_id: site.id,
        sender_user_id: m.from,
        sender_side: m.side,
        body: m.body,
        file_id: m.file,
      })
      .execute();
}
