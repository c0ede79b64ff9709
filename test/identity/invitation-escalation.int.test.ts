import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../server/modules/identity/user-admin.js";
import { systemActor } from "../../server/platform/access/actor.js";
import type { App } from "../../server/platform/http/types.js";
import { type ActorFacts, type ChildFacts, loadActorFacts, loadChildFacts } from "../authz/world.js";
import { tokenFromLink } from "../support/smtp-test-server.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Invitations are a path that grants access, so they are checked as strictly
// as a read: an inviter may grant only the roles their own role may grant
// (role_grantable), may link only a person whose children they themselves
// read, and never changes the person's recorded email. Each attack below
// escalated before the fix; `escalated` counts the requests that did.
let database: TestDatabase;
let app: App;
let actors: ActorFacts[];
let children: ChildFacts[];
const sessions = new Map<string, SignedIn>();
const PASSPHRASE = "a long enough passphrase for tests";
const escalated: string[] = [];
let counter = 0;

beforeAll(async () => {
  delete process.env.QPI_SMTP_URL;
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  actors = await loadActorFacts(database.db);
  children = await loadChildFacts(database.db);
}, 180_000);
afterAll(async () => {
  console.log(
    `invitation attacks that escalated: ${escalated.length}${escalated.length ? `\n${escalated.join("\n")}` : ""}`,
  );
  await app?.close();
  await database?.close();
});

const actor = (role: string) => actors.find((a) => a.role === role)!;
async function sessionOf(role: string) {
  const a = actor(role);
  if (!sessions.has(a.email)) sessions.set(a.email, await signIn(app, a.email));
  return sessions.get(a.email)!;
}
const freshEmail = (what: string) => `attack-${what}-${++counter}@example.org`;

async function invite(role: string, siteId: string, body: Record<string, unknown>) {
  return app.inject({
    method: "POST",
    url: `/api/sites/${siteId}/invitations`,
    payload: body,
    headers: (await sessionOf(role)).headers(),
  });
}

/** Follows the invitation mailed to `email` (kept in the outbox without SMTP) and signs in as the new account. */
async function acceptAndSignIn(email: string): Promise<SignedIn> {
  const mail = await database.db
    .selectFrom("outbound_email")
    .select("body_text")
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = tokenFromLink(mail.body_text, "/accept-invitation");
  const accepted = await app.inject({
    method: "POST",
    url: "/api/auth/invitations/accept",
    payload: { token, password: PASSPHRASE },
  });
  expect(accepted.statusCode).toBe(200);
  return signIn(app, email, PASSPHRASE);
}

async function readsChild(session: SignedIn, childId: string) {
  return (await app.inject({ method: "GET", url: `/api/children/${childId}`, headers: session.headers() })).statusCode;
}

const hasAccount = async (personId: string) =>
  Boolean(
    await database.db.selectFrom("user_account").select("id").where("person_id", "=", personId).executeTakeFirst(),
  );

describe("an invitation grants no more than the inviter may", () => {
  it("a caseworker cannot invite the youth or a birth parent of a child outside their caseload", async () => {
    const cw = actor("caseworker");
    const outside = children.filter(
      (c) => c.siteId === cw.siteId && !c.team.has(cw.personId) && c.parents.size > 0 && c.inCare,
    );
    let youthChild: ChildFacts | undefined;
    for (const c of outside) if (!(await hasAccount(c.personId))) youthChild = youthChild ?? c;
    expect(youthChild).toBeDefined();
    const email = freshEmail("youth");
    const response = await invite("caseworker", cw.siteId, { email, role: "youth", personId: youthChild!.personId });
    if (response.statusCode === 201) {
      const status = await readsChild(await acceptAndSignIn(email), youthChild!.id);
      if (status === 200) escalated.push(`caseworker → youth of ${youthChild!.id} outside the caseload → read`);
    }

    let parentOf: { child: ChildFacts; person: string } | undefined;
    for (const c of outside)
      for (const p of c.parents) if (!parentOf && !(await hasAccount(p))) parentOf = { child: c, person: p };
    expect(parentOf).toBeDefined();
    const parentEmail = freshEmail("parent");
    const asParent = await invite("caseworker", cw.siteId, {
      email: parentEmail,
      role: "birth_parent",
      personId: parentOf!.person,
    });
    if (asParent.statusCode === 201) {
      const status = await readsChild(await acceptAndSignIn(parentEmail), parentOf!.child.id);
      if (status === 200)
        escalated.push(`caseworker → birth parent of ${parentOf!.child.id} outside the caseload → read`);
    }
    expect([response.statusCode, asParent.statusCode]).toEqual([404, 404]);
  });

  it(`an RFA worker, who reads no child, cannot invite themself \
as a caregiver of a home with placed children`, async () => {
    const rfa = actor("rfa_worker");
    const placed = children.filter((c) => c.siteId === rfa.siteId && c.inCare && c.householdId !== null);
    const members = await database.db
      .selectFrom("household_member")
      .leftJoin("user_account", "user_account.person_id", "household_member.person_id")
      .select(["household_member.household_id", "household_member.person_id"])
      .where(
        "household_member.household_id",
        "in",
        placed.map((c) => c.householdId!),
      )
      .where("user_account.id", "is", null)
      .orderBy("household_member.person_id")
      .execute();
    expect(members.length).toBeGreaterThan(0);
    const target = members[0];
    const child = placed.find((c) => c.householdId === target.household_id)!;
    const email = freshEmail("rfa-self");
    const response = await invite("rfa_worker", rfa.siteId, { email, role: "caregiver", personId: target.person_id });
    if (response.statusCode === 201) {
      const status = await readsChild(await acceptAndSignIn(email), child.id);
      if (status === 200) escalated.push(`rfa_worker → caregiver of home ${target.household_id} → read ${child.id}`);
    }
    expect(response.statusCode).toBe(404);
  });

  it("a site administrator cannot hand out roles that reach beyond the site", async () => {
    const admin = actor("site_admin");
    const answers = [];
    for (const role of ["network_analyst", "state_analyst"]) {
      const response = await invite("site_admin", admin.siteId, {
        email: freshEmail(role),
        role,
        givenName: "Outside",
        familyName: "Reach",
      });
      if (response.statusCode === 201) escalated.push(`site_admin → ${role}`);
      answers.push(response);
    }
    expect(answers.map((r) => r.statusCode)).toEqual([403, 403]);
    for (const r of answers) expect(r.json().error.message).toMatch(/may not grant the role (network|state)_analyst/);
  });

  it("an invitation never overwrites the person's recorded email", async () => {
    const cw = actor("caseworker");
    // A birth parent recorded with an email of their own, of a child the caseworker works with.
    const own = children.find((c) => c.siteId === cw.siteId && c.team.has(cw.personId))!;
    const { id: parent } = await database.db
      .insertInto("person")
      .values({ site_id: cw.siteId, given_name: "Recorded", family_name: "Parent", email: "recorded@example.org" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("child_relation")
      .values({ child_id: own.id, person_id: parent, kind: "birth_parent" })
      .execute();
    const email = freshEmail("overwrite");
    const response = await invite("caseworker", cw.siteId, { email, role: "birth_parent", personId: parent });
    expect(response.statusCode).toBe(201);
    const person = await database.db
      .selectFrom("person")
      .select("email")
      .where("id", "=", parent)
      .executeTakeFirstOrThrow();
    if (person.email !== "recorded@example.org") escalated.push("an invitation overwrote a person's recorded email");
    expect(person.email).toBe("recorded@example.org");
  });
});

describe("invitations the inviter may make still work", () => {
  it("a caseworker invites the youth of their own caseload, who then reads their own record", async () => {
    const cw = actor("caseworker");
    let own: ChildFacts | undefined;
    for (const c of children)
      if (!own && c.siteId === cw.siteId && c.team.has(cw.personId) && !(await hasAccount(c.personId))) own = c;
    expect(own).toBeDefined();
    const email = freshEmail("own-youth");
    const response = await invite("caseworker", cw.siteId, { email, role: "youth", personId: own!.personId });
    expect(response.statusCode).toBe(201);
    expect(await readsChild(await acceptAndSignIn(email), own!.id)).toBe(200);
  });

  it("a supervisor invites the youth of a child in their unit", async () => {
    const sup = actor("supervisor");
    let inUnit: ChildFacts | undefined;
    for (const c of children)
      if (!inUnit && c.siteId === sup.siteId && c.unitId === sup.unitId && !(await hasAccount(c.personId))) inUnit = c;
    expect(inUnit).toBeDefined();
    const response = await invite("supervisor", sup.siteId, {
      email: freshEmail("unit-youth"),
      role: "youth",
      personId: inUnit!.personId,
    });
    expect(response.statusCode).toBe(201);
  });

  it("a network administrator grants the roles that reach beyond a site", async () => {
    const site = await database.db
      .selectFrom("site")
      .select("code")
      .where("id", "=", actor("site_admin").siteId)
      .executeTakeFirstOrThrow();
    const email = freshEmail("network-admin");
    await addUser(database.db, systemActor("test"), {
      email,
      givenName: "Network",
      familyName: "Administrator",
      role: "network_admin",
      siteCode: site.code,
      language: "en",
      password: PASSPHRASE,
    });
    const session = await signIn(app, email, PASSPHRASE);
    for (const role of ["network_analyst", "state_analyst"]) {
      const response = await app.inject({
        method: "POST",
        url: `/api/sites/${actor("site_admin").siteId}/invitations`,
        payload: { email: freshEmail(`granted-${role}`), role, givenName: "Granted", familyName: "Analyst" },
        headers: session.headers(),
      });
      expect(response.statusCode).toBe(201);
    }
  });

  it("a role the inviter may not grant answers 403 naming the role, in the user's language", async () => {
    const cw = actor("caseworker");
    const response = await app.inject({
      method: "POST",
      url: `/api/sites/${cw.siteId}/invitations`,
      payload: { email: freshEmail("es"), role: "site_admin", givenName: "A", familyName: "B" },
      headers: (await sessionOf("caseworker")).headers({ "accept-language": "es" }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/site_admin|Administrador/);
  });
});
