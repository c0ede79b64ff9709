import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, personOf, siteOf, todayAt } from "./practice-fixtures.js";

// The team (ending a member, a caseworker handover that moves the open tasks),
// court orders and their effect on what a birth parent sees, invitations from
// the child's page for people of the record, and the reminders' read marks.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
let otherCaseworker: string;
let householdId: string;
const SITE = "CA-FRESNO";

beforeAll(async () => {
  delete process.env.QPI_SMTP_URL;
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  const site = siteOf(world, SITE);
  const cwUser = world.users.find((u) => u.email === CW)!;
  const colleague = world.roleGrants.find(
    (g) => g.site_id === site.id && g.role_code === "caseworker" && g.user_id !== cwUser.id,
  )!;
  otherCaseworker = world.users.find((u) => u.id === colleague.user_id)!.email;
  for (const email of [CW, PARENT, CAREGIVER, otherCaseworker]) sessions.set(email, await signIn(app, email));
  householdId = world.householdMembers.find((m) => m.person_id === personOf(world, CAREGIVER))!.household_id;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const today = () => todayAt(world, SITE);
const call = (email: string, method: "GET" | "POST", url: string, payload?: unknown) =>
  app.inject({ method, url, headers: sessions.get(email)!.headers(), ...(payload ? { payload } : {}) });
const mint = (extra: { parent?: boolean } = {}) =>
  mintChild(database.db, {
    siteId: siteOf(world, SITE).id,
    caseworkerPersonId: personOf(world, CW),
    householdId,
    ...(extra.parent ? { parentPersonId: personOf(world, PARENT) } : {}),
  });
const auditCount = async (action: string, childId: string) =>
  (
    await database.db
      .selectFrom("audit_event")
      .select("id")
      .where("action", "=", action as never)
      .where("entity_id", "=", childId)
      .execute()
  ).length;

describe("the child's team", () => {
  it("a handover moves the child's open tasks to the new caseworker, with the history to show it", async () => {
    const child = await mint();
    // An emergency move creates the practice tasks (comfort call, icebreaker …) on the caseworker's worklist.
    const home = familyHome(world, SITE);
    const move = await call(CW, "POST", `/api/children/${child.id}/placements`, {
      householdId: home.id === householdId ? familyHome(world, SITE, "relative").id : home.id,
      setting: home.id === householdId ? "relative_family_home" : "nonrelative_family_home",
      startDate: today(),
      changeKind: "emergency",
      requestedBy: "caregiver",
      reason: "caregiver_requested_removal",
    });
    expect(move.statusCode, move.body).toBe(201);
    const open = (await call(CW, "GET", `/api/children/${child.id}/tasks`))
      .json()
      .tasks.filter((t: { status: string }) => t.status === "open")
      .map((t: { id: string }) => t.id)
      .sort();
    expect(open.length).toBeGreaterThan(0);
    // A reminder already went to the first caseworker for one of them.
    const cwUserId = world.users.find((u) => u.email === CW)!.id;
    await database.db
      .insertInto("notification")
      .values({
        user_id: cwUserId,
        kind: "task_due",
        task_id: open[0],
        subject_key: "reminder.subject",
        params: JSON.stringify({ practice: "comfort_call", child: "x", due: "y" }),
        read_at: null,
        email_sent_at: null,
      })
      .execute();
    await database.db.updateTable("practice_task").set({ reminded_at: new Date() }).where("id", "in", open).execute();

    const choices = await call(CW, "GET", `/api/children/${child.id}/team/caseworkers`);
    expect(choices.statusCode).toBe(200);
    const to = personOf(world, otherCaseworker);
    expect(choices.json().caseworkers).toContainEqual({ personId: to, name: expect.any(String), current: false });

    // Bad input changes nothing: a handover in the future, to the same caseworker, to someone not a caseworker.
    for (const [body, field] of [
      [{ caseworkerPersonId: to, handoverOn: addCalendarDays(today(), 1), reason: "Caseload balance" }, "handoverOn"],
      [{ caseworkerPersonId: personOf(world, CW), handoverOn: today(), reason: "Caseload" }, "caseworkerPersonId"],
      [{ caseworkerPersonId: personOf(world, PARENT), handoverOn: today(), reason: "Caseload" }, "caseworkerPersonId"],
    ] as const) {
      const refused = await call(CW, "POST", `/api/children/${child.id}/team/handover`, body);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.fields[0].field).toBe(field);
    }
    expect((await call(otherCaseworker, "GET", `/api/children/${child.id}/tasks`)).statusCode).toBe(404);

    const handover = await call(CW, "POST", `/api/children/${child.id}/team/handover`, {
      caseworkerPersonId: to,
      handoverOn: today(),
      reason: "Caseload balance after a transfer",
    });
    expect(handover.statusCode, handover.body).toBe(201);
    expect([...handover.json().movedTaskIds].sort()).toEqual(open);

    // The new caseworker reads the child and has its open tasks on the worklist; the earlier one no longer reaches it.
    const tasks = await call(otherCaseworker, "GET", `/api/children/${child.id}/tasks`);
    expect(tasks.statusCode).toBe(200);
    const worklist = (await call(otherCaseworker, "GET", "/api/worklist?withinDays=30")).json().tasks as {
      id: string;
    }[];
    expect(worklist.filter((t) => open.includes(t.id)).length).toBeGreaterThan(0);
    expect((await call(CW, "GET", `/api/children/${child.id}`)).statusCode).toBe(404);
    expect((await call(CW, "GET", `/api/children/${child.id}/tasks`)).statusCode).toBe(404);
    const cwWorklist = (await call(CW, "GET", "/api/worklist?withinDays=30")).json().tasks as { id: string }[];
    expect(cwWorklist.filter((t) => open.includes(t.id))).toEqual([]);

    // The reminders start again for the new caseworker; the earlier one's reminder of this child is gone.
    const reminders = await database.db
      .selectFrom("practice_task")
      .select("reminded_at")
      .where("id", "in", open)
      .execute();
    expect(reminders.every((r) => r.reminded_at === null)).toBe(true);
    const left = await database.db.selectFrom("notification").select("id").where("task_id", "in", open).execute();
    expect(left).toEqual([]);

    // The history: the team shows the handover and the tasks that moved; the audit has it in the same transaction.
    const team = (await call(otherCaseworker, "GET", `/api/children/${child.id}/team`)).json();
    expect(team.handovers).toHaveLength(1);
    expect(team.handovers[0]).toMatchObject({ handedOverOn: today(), reason: "Caseload balance after a transfer" });
    expect(team.handovers[0].tasks.map((t: { id: string }) => t.id).sort()).toEqual(open);
    const caseworkers = team.members.filter((m: { role: string }) => m.role === "caseworker");
    expect(caseworkers.find((m: { personId: string }) => m.personId === to).endsOn).toBeNull();
    expect(caseworkers.find((m: { personId: string }) => m.personId === personOf(world, CW)).endsOn).toBe(
      addCalendarDays(today(), -1),
    );
    expect(await auditCount("team.handover", child.id)).toBe(1);
  });

  it("an ended member loses the access that came from the team; a therapist joins with phone and email", async () => {
    const child = await mint();
    const therapist = await call(CW, "POST", `/api/children/${child.id}/team`, {
      role: "therapist",
      startsOn: today(),
      person: { givenName: "Tess", familyName: "Therapist", email: "tess@example.org", phone: "(559) 555-0101" },
    });
    expect(therapist.statusCode, therapist.body).toBe(201);
    const team = (await call(CW, "GET", `/api/children/${child.id}/team`)).json();
    expect(team.members).toContainEqual(
      expect.objectContaining({ role: "therapist", name: "Tess Therapist", email: "tess@example.org" }),
    );

    // A second caseworker on the team reads the child until their membership ends.
    const added = await call(CW, "POST", `/api/children/${child.id}/team`, {
      role: "caseworker",
      startsOn: addCalendarDays(today(), -5),
      personId: personOf(world, otherCaseworker),
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await call(otherCaseworker, "GET", `/api/children/${child.id}`)).statusCode).toBe(200);
    const ended = await call(CW, "POST", `/api/children/${child.id}/team/${added.json().id}/end`, {
      endsOn: addCalendarDays(today(), -1),
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await call(otherCaseworker, "GET", `/api/children/${child.id}`)).statusCode).toBe(404);
    expect((await call(otherCaseworker, "GET", `/api/children/${child.id}/team`)).statusCode).toBe(404);
  });
});

describe("court orders", () => {
  it(`a no-contact order keeps the caregiver's address and phone from the birth parent while it holds; \
ending it restores them`, async () => {
    const child = await mint({ parent: true });
    await database.db
      .updateTable("household")
      .set({ address_line1: "44 Orchard Lane", phone: "(559) 555-0142", contact_shared_with_birth_parents: true })
      .where("id", "=", householdId)
      .execute();
    const contact = async () =>
      (await call(PARENT, "GET", `/api/children/${child.id}/placements`)).json().caregiverContact;
    expect(await contact()).toMatchObject({ addressLine1: "44 Orchard Lane", phone: "(559) 555-0142" });

    // Families neither read nor write orders; bad dates are refused and change nothing.
    expect((await call(PARENT, "GET", `/api/children/${child.id}/court-orders`)).statusCode).toBe(403);
    const refused = await call(CW, "POST", `/api/children/${child.id}/court-orders`, {
      kind: "no_contact",
      startsOn: today(),
      endsOn: addCalendarDays(today(), -3),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].field).toBe("endsOn");
    expect((await call(CW, "GET", `/api/children/${child.id}/court-orders`)).json().orders).toEqual([]);

    const recorded = await call(CW, "POST", `/api/children/${child.id}/court-orders`, {
      kind: "no_contact",
      startsOn: today(),
      note: "Dept. 12, order of the juvenile court",
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ status: "active", endsOn: null, recordedByName: expect.any(String) });
    const list = (await call(CW, "GET", `/api/children/${child.id}/court-orders`)).json();
    expect(list.effect).toEqual({ caregiverContactHiddenFromBirthParents: true });

    const hidden = await call(PARENT, "GET", `/api/children/${child.id}/placements`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).not.toHaveProperty("caregiverContact");
    expect(hidden.body).not.toMatch(/Orchard|555-0142/);
    // The caseworker still sees where the child lives.
    expect((await call(CW, "GET", `/api/children/${child.id}/placements`)).json().caregiverContact).toMatchObject({
      addressLine1: "44 Orchard Lane",
    });

    // A stale version is refused; ending it on yesterday restores what the caregiver consented to share.
    const order = recorded.json();
    const stale = await call(CW, "POST", `/api/children/${child.id}/court-orders/${order.id}/end`, {
      endsOn: today(),
      version: order.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    const before = await call(CW, "POST", `/api/children/${child.id}/court-orders/${order.id}/end`, {
      endsOn: addCalendarDays(order.startsOn, -1),
      version: order.version,
    });
    expect(before.statusCode).toBe(400);
    // An order that began earlier is ended on yesterday: it no longer holds today.
    await database.db
      .updateTable("court_order")
      .set({ starts_on: addCalendarDays(today(), -20) })
      .where("id", "=", order.id)
      .execute();
    const ended = await call(CW, "POST", `/api/children/${child.id}/court-orders/${order.id}/end`, {
      endsOn: addCalendarDays(today(), -1),
      version: order.version,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: "ended", endsOn: addCalendarDays(today(), -1) });
    expect(await contact()).toMatchObject({ addressLine1: "44 Orchard Lane", phone: "(559) 555-0142" });
    expect(
      (await call(CW, "GET", `/api/children/${child.id}/court-orders`)).json().effect
        .caregiverContactHiddenFromBirthParents,
    ).toBe(false);
    const again = await call(CW, "POST", `/api/children/${child.id}/court-orders/${order.id}/end`, {
      endsOn: addCalendarDays(today(), -1),
      version: ended.json().version,
    });
    expect(again.statusCode).toBe(409);
    expect(await auditCount("court_order.record", child.id)).toBe(1);
    expect(await auditCount("court_order.end", child.id)).toBe(1);

    // Another site's caseworker does not learn the order exists.
    const elsewhere = world.users.find((u) => u.email.startsWith("caseworker@") && u.email !== CW)!;
    const outsider = await signIn(app, elsewhere.email);
    const probe = await app.inject({
      method: "GET",
      url: `/api/children/${child.id}/court-orders`,
      headers: outsider.headers(),
    });
    expect(probe.statusCode).toBe(404);
  });
});

describe("invitations from the child's page", () => {
  it("invite the person already on this child's record; anyone else is 404 and nothing is created", async () => {
    const child = await mint();
    const person = await database.db
      .insertInto("person")
      .values({
        site_id: siteOf(world, SITE).id,
        given_name: "Rosa",
        family_name: "Parent",
        preferred_name: null,
        birth_date: null,
        sex: null,
        email: "rosa@example.org",
        phone: null,
        address_line1: null,
        city: null,
        postal_code: null,
        // Her record says Spanish: the invitation form starts in Spanish.
        preferred_language: "es",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("child_relation")
      .values({ child_id: child.id, person_id: person.id, kind: "birth_parent" })
      .execute();
    // A birth parent of another child the same caseworker reads: of the site and in reach, but not of this record.
    const otherChild = await mint();
    const stranger = await database.db
      .insertInto("person")
      .values({
        site_id: siteOf(world, SITE).id,
        given_name: "Sam",
        family_name: "Elsewhere",
        preferred_name: null,
        birth_date: null,
        sex: null,
        email: null,
        phone: null,
        address_line1: null,
        city: null,
        postal_code: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("child_relation")
      .values({ child_id: otherChild.id, person_id: stranger.id, kind: "birth_parent" })
      .execute();

    const people = (await call(CW, "GET", `/api/children/${child.id}/invitations`)).json().people;
    expect(people).toContainEqual({
      personId: person.id,
      name: "Rosa Parent",
      role: "birth_parent",
      email: "rosa@example.org",
      language: "es",
      account: null,
    });
    expect(people.map((p: { personId: string }) => p.personId)).not.toContain(stranger.id);

    const accounts = async () => (await database.db.selectFrom("user_account").select("id").execute()).length;
    const count = await accounts();
    for (const body of [
      { personId: stranger.id, role: "birth_parent", email: "sam@example.org", language: "es" },
      // On the record, but not in the role asked for.
      { personId: person.id, role: "caregiver", email: "rosa2@example.org", language: "es" },
    ]) {
      const refused = await call(CW, "POST", `/api/children/${child.id}/invitations`, body);
      expect(refused.statusCode, refused.body).toBe(404);
    }
    expect(
      (
        await call(PARENT, "POST", `/api/children/${child.id}/invitations`, {
          personId: person.id,
          role: "birth_parent",
          email: "rosa3@example.org",
          language: "es",
        })
      ).statusCode,
    ).toBe(403);
    expect(await accounts()).toBe(count);

    const invited = await call(CW, "POST", `/api/children/${child.id}/invitations`, {
      personId: person.id,
      role: "birth_parent",
      email: "rosa@example.org",
      language: "es",
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const account = await database.db
      .selectFrom("user_account")
      .select(["person_id", "preferred_language"])
      .where("id", "=", invited.json().userId)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ person_id: person.id, preferred_language: "es" });
    expect(await auditCount("child.invitation.send", child.id)).toBe(1);
    const after = (await call(CW, "GET", `/api/children/${child.id}/invitations`)).json().people;
    expect(after.find((p: { personId: string }) => p.personId === person.id).account).toBe("invited");
  });
});

describe("in-app notifications", () => {
  it("count the unread, and mark read only one's own", async () => {
    const child = await mint();
    const task = await database.db
      .selectFrom("practice_task")
      .select("id")
      .where("site_id", "=", siteOf(world, SITE).id)
      .limit(2)
      .execute();
    const userOf = (email: string) => world.users.find((u) => u.email === email)!.id;
    const insert = (email: string, taskId: string) =>
      database.db
        .insertInto("notification")
        .values({
          user_id: userOf(email),
          kind: "task_due",
          task_id: taskId,
          subject_key: "reminder.subject",
          params: JSON.stringify({ practice: "comfort_call", child: child.id, due: today() }),
          read_at: null,
          email_sent_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const mine = await insert(CAREGIVER, task[0].id);
    const theirs = await insert(PARENT, task[1].id);
    const before = (await call(CAREGIVER, "GET", "/api/notifications")).json();
    expect(before.unread).toBeGreaterThanOrEqual(1);

    const foreign = await call(CAREGIVER, "POST", `/api/notifications/${theirs.id}/read`);
    expect(foreign.statusCode).toBe(404);
    const untouched = await database.db
      .selectFrom("notification")
      .select("read_at")
      .where("id", "=", theirs.id)
      .executeTakeFirstOrThrow();
    expect(untouched.read_at).toBeNull();

    const read = await call(CAREGIVER, "POST", `/api/notifications/${mine.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    const after = (await call(CAREGIVER, "GET", "/api/notifications")).json();
    expect(after.unread).toBe(before.unread - 1);
    expect(after.notifications.find((n: { id: string }) => n.id === mine.id).readAt).not.toBeNull();
    // Marking it again keeps the first time it was read.
    const twice = await call(CAREGIVER, "POST", `/api/notifications/${mine.id}/read`);
    expect(twice.json().readAt).toBe(read.json().readAt);
  });
});
