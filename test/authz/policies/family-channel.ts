import type { Kysely } from "kysely";
import type { Database } from "../../../server/db/database.js";
import { storeFile } from "../../../server/platform/files/index.js";
import { jpeg } from "../../platform/file-fixtures.js";
import { CHILD_WRITE, childRoute, created, NO_SUCH_ID, ok, type Reach, today } from "../expect.js";
import type { PreparePolicyWorld } from "../policy-table.js";
import type { PolicyTarget, RoutePolicy } from "../policy-types.js";

/**
 * Messages between the families and the case-plan tasks shared with the birth parent (issue 13).
 *
 * A party's thread (family_message:send, own scope) is reached only through an agreement in force that names them:
 * the caregiver of the home the child lives in now, the birth parent named in it. Caregivers and birth parents hold
 * the permission, so the wrong family role or a child without an agreement answers 404, not 403; staff and youth lack
 * it (403). The child's staff (family_message:manage, case_plan:manage: caseworker assigned, supervisor unit) record
 * agreements, pause them and read every thread. Case-plan tasks: the parent reads those shared and marks progress
 * (case_plan:progress, own child only).
 */
const CAREGIVER_SIDE: Reach = { caregiver: ["own"], birth_parent: [] };
const PARENT_SIDE: Reach = { birth_parent: ["own"], caregiver: [] };
const PARENT_ONLY: Reach = { birth_parent: ["own"] };
const MESSAGE_FIELDS = ["id", "side", "fromMe", "senderName", "body", "sentAt", "attachment"];
const CHANNEL_FIELDS = ["childId", "parents", "home", "agreements"];
const TASK_FIELDS = ["id", "kind", "title", "dueOn", "status", "sharedWithParent", "updates"];

/** Each world child's agreement, its message with a photo, and a shared case-plan task (prepare). */
const agreementOf = new Map<string, string>();
const messageOf = new Map<string, string>();
const taskOf = new Map<string, string>();
const idOf = (map: Map<string, string>, childId: string | undefined) => map.get(childId ?? "") ?? NO_SUCH_ID;

/**
 * One agreement for the child with a birth parent (the one with an account first; one minted when it has none) and
 * the home it lives in (else any home of its site: an agreement with a former home, which staff still read and
 * pause), a message with a photo in it, and a case-plan task shared with the parents. Once per child.
 */
async function recordsFor(db: Kysely<Database>, childId: string) {
  if (agreementOf.has(childId)) return;
  const author = await db
    .selectFrom("user_account")
    .select("id")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirstOrThrow();
  const child = await db
    .selectFrom("child")
    .leftJoin("placement", (j) => j.onRef("placement.child_id", "=", "child.id").on("placement.end_date", "is", null))
    .select(["child.id", "child.site_id", "placement.household_id"])
    .where("child.id", "=", childId)
    .executeTakeFirstOrThrow();
  const anyHome = await db
    .selectFrom("household")
    .select("id")
    .where("site_id", "=", child.site_id)
    .orderBy("id")
    .executeTakeFirst();
  const household = child.household_id ?? anyHome?.id;
  if (!household) return;
  let parent = (
    await db
      .selectFrom("child_relation")
      .leftJoin("user_account", "user_account.person_id", "child_relation.person_id")
      .select(["child_relation.person_id", "user_account.id as user_id"])
      .where("child_relation.child_id", "=", child.id)
      .where("child_relation.kind", "in", ["birth_parent", "legal_guardian"])
      .execute()
  ).sort((a, b) => Number(b.user_id !== null) - Number(a.user_id !== null))[0]?.person_id;
  if (!parent) {
    const minted = await db
      .insertInto("person")
      .values({ site_id: child.site_id, given_name: "Agreed", family_name: "Parent" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("child_relation")
      .values({ child_id: child.id, person_id: minted.id, kind: "birth_parent" })
      .execute();
    parent = minted.id;
  }
  const agreement = await db
    .insertInto("family_agreement")
    .values({
      child_id: child.id,
      site_id: child.site_id,
      birth_parent_person_id: parent,
      household_id: household,
      agreed_on: "2026-01-10",
      caregiver_agreed: true,
      parent_agreed: true,
      note: null,
      recorded_by: author.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  agreementOf.set(child.id, agreement.id);
  const file = await storeFile(db, { siteId: child.site_id, uploadedBy: author.id, bytes: jpeg(), fileName: "m.jpg" });
  const message = await db
    .insertInto("family_message")
    .values({
      agreement_id: agreement.id,
      child_id: child.id,
      site_id: child.site_id,
      sender_user_id: author.id,
      sender_side: "caregiver",
      body: "A photo from the weekend",
      file_id: file.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  messageOf.set(child.id, message.id);
  const task = await db
    .insertInto("case_plan_task")
    .values({
      child_id: child.id,
      site_id: child.site_id,
      kind: "class",
      title: "Parenting class",
      due_on: "2026-03-01",
      shared_with_parent: true,
      created_by: author.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  taskOf.set(child.id, task.id);
}

/** Every world child has its records before anyone signs in (the sentinel battery reads them too). */
export const prepare: PreparePolicyWorld = async (db: Kysely<Database>) => {
  for (const child of await db.selectFrom("child").select("id").execute()) await recordsFor(db, child.id);
};
const prepareTarget = async (db: Kysely<Database>, t: PolicyTarget) => {
  if (t.childId) await recordsFor(db, t.childId);
};

const parties = [
  {
    reach: CAREGIVER_SIDE,
    base: (id: string | undefined) => `/api/my-children/${id}/messages`,
    prefix: "/api/my-children",
  },
  {
    reach: PARENT_SIDE,
    base: (id: string | undefined) => `/api/family/children/${id}/messages`,
    prefix: "/api/family/children",
  },
];

export const policies: RoutePolicy[] = parties.flatMap(({ reach, base, prefix }) => [
  {
    route: `GET ${prefix}/:childId/messages`,
    target: "child",
    build: (t) => ({ url: base(t.childId) }),
    anonymous: 401,
    expect: childRoute(reach, ok(["threads"])),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: `POST ${prefix}/:childId/messages`,
    target: "child",
    build: (t) => ({
      url: base(t.childId),
      payload: { agreementId: idOf(agreementOf, t.childId), body: "See you Saturday" },
    }),
    anonymous: 401,
    expect: childRoute(reach, created(MESSAGE_FIELDS)),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: `GET ${prefix}/:childId/messages/:messageId/attachment`,
    target: "child",
    build: (t) => ({ url: `${base(t.childId)}/${idOf(messageOf, t.childId)}/attachment` }),
    anonymous: 401,
    expect: childRoute(reach, ok()),
    otherwise: { status: 404 },
    prepareTarget,
  },
]);

policies.push(
  {
    route: "GET /api/children/:childId/family-channel",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/family-channel` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(CHANNEL_FIELDS)),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: "POST /api/children/:childId/family-channel/agreements",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/family-channel/agreements`,
      payload: {
        birthParentPersonId: t.people?.birthParent ?? NO_SUCH_ID,
        agreedOn: today(),
        caregiverAgreed: true,
        parentAgreed: true,
      },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(CHANNEL_FIELDS)),
    otherwise: { status: 404 },
    mutates: true,
    mintsFamily: true,
  },
  {
    // Idempotent: the prepared agreement is open; reopening it changes nothing.
    route: "POST /api/children/:childId/family-channel/agreements/:agreementId/pause",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/family-channel/agreements/${idOf(agreementOf, t.childId)}/pause`,
      payload: { paused: false },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(CHANNEL_FIELDS)),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: "GET /api/children/:childId/family-channel/messages/:messageId/attachment",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/family-channel/messages/${idOf(messageOf, t.childId)}/attachment`,
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok()),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: "GET /api/children/:childId/case-plan-tasks",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/case-plan-tasks` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["tasks"])),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: "POST /api/children/:childId/case-plan-tasks",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/case-plan-tasks`,
      payload: { kind: "service", title: "Substance use assessment", dueOn: today(), sharedWithParent: true },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(TASK_FIELDS)),
    otherwise: { status: 404 },
    mutates: true,
  },
  {
    // Idempotent: the prepared task is shared already.
    route: "POST /api/children/:childId/case-plan-tasks/:taskId/share",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/case-plan-tasks/${idOf(taskOf, t.childId)}/share`,
      payload: { sharedWithParent: true },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(TASK_FIELDS)),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: "GET /api/family/children/:childId/case-plan-tasks",
    target: "child",
    build: (t) => ({ url: `/api/family/children/${t.childId}/case-plan-tasks` }),
    anonymous: 401,
    expect: childRoute(PARENT_ONLY, ok(["tasks"])),
    otherwise: { status: 404 },
    prepareTarget,
  },
  {
    route: "POST /api/family/children/:childId/case-plan-tasks/:taskId/progress",
    target: "child",
    build: (t) => ({
      url: `/api/family/children/${t.childId}/case-plan-tasks/${idOf(taskOf, t.childId)}/progress`,
      payload: { status: "in_progress", note: "Signed up for the Tuesday class" },
    }),
    anonymous: 401,
    expect: childRoute(PARENT_ONLY, ok(TASK_FIELDS)),
    otherwise: { status: 404 },
    prepareTarget,
  },
);
