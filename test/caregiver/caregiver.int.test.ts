import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { sharedLifeBookItemsForBirthParent } from "../../server/modules/caregiver/index.js";
import { addUser } from "../../server/modules/identity/index.js";
import { systemActor } from "../../server/platform/access/actor.js";
import { loadActor } from "../../server/platform/access/load-actor.js";
import type { App } from "../../server/platform/http/types.js";
import { SUMMARY_CONTENT } from "../authz/policies/caregiver.js";
import { mintChild } from "../authz/world.js";
import { familyHome, personOf, siteOf, todayAt } from "../children/practice-fixtures.js";
import { contains, exifSegment, jpeg, png, XMP_APP1 } from "../platform/file-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// The caregiver's side of the team: what a caregiver reads of a child placed in their home now, the staff-kept
// versioned summary, the audited reveal, everyday decisions, the life book and what of it reaches the birth parent;
// access ends the day the placement ends; another caregiver, a parent and staff without the permission get nothing.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
const OTHER_CAREGIVER = "other-caregiver@test.example";
const PASSWORD = "a long passphrase for the other home 2026";
const SITE = "CA-FRESNO";
let householdId: string;

beforeAll(async () => {
  delete process.env.QPI_SMTP_URL;
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  householdId = world.householdMembers.find((m) => m.person_id === personOf(world, CAREGIVER))!.household_id;
  // A caregiver of another home at the same site, with an account.
  const other = familyHome(world, SITE);
  const otherHome =
    other.id === householdId
      ? world.households.find(
          (h) => h.site_id === other.site_id && h.id !== householdId && h.kind === "resource_family",
        )!
      : other;
  await addUser(database.db, systemActor("test"), {
    email: OTHER_CAREGIVER,
    password: PASSWORD,
    givenName: "Olga",
    familyName: "Otherhome",
    role: "caregiver",
    siteCode: SITE,
  } as never);
  const otherUser = await database.db
    .selectFrom("user_account")
    .select("person_id")
    .where("email", "=", OTHER_CAREGIVER)
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto("household_member")
    .values({ household_id: otherHome.id, person_id: otherUser.person_id, role: "caregiver" })
    .execute();
  for (const email of [CW, PARENT, CAREGIVER]) sessions.set(email, await signIn(app, email));
  sessions.set(OTHER_CAREGIVER, await signIn(app, OTHER_CAREGIVER, PASSWORD));
}, 240_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const call = (email: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  app.inject({ method, url, headers: sessions.get(email)!.headers(), ...(payload ? { payload } : {}) });
const mint = (extra: { parent?: boolean } = {}) =>
  mintChild(database.db, {
    siteId: siteOf(world, SITE).id,
    caseworkerPersonId: personOf(world, CW),
    householdId,
    ...(extra.parent ? { parentPersonId: personOf(world, PARENT) } : {}),
  });
const auditRows = async (action: string, childId: string) =>
  database.db
    .selectFrom("audit_event")
    .select(["actor_user_id", "field_classes", "outcome"])
    .where("action", "=", action)
    .where("entity_id", "=", childId)
    .execute();
const userId = (email: string) => world.users.find((u) => u.email === email)?.id;

describe("the health and education summary (staff keep it, versioned)", () => {
  it("saves versions with optimistic concurrency and keeps the history", async () => {
    const child = await mint();
    const first = await call(CW, "PUT", `/api/children/${child.id}/health-summary`, {
      version: 0,
      content: SUMMARY_CONTENT,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, content: { allergies: "Peanuts" } });
    const stale = await call(CW, "PUT", `/api/children/${child.id}/health-summary`, {
      version: 0,
      content: { ...SUMMARY_CONTENT, allergies: "None" },
    });
    expect(stale.statusCode).toBe(409);
    const second = await call(CW, "PUT", `/api/children/${child.id}/health-summary`, {
      version: 1,
      content: { ...SUMMARY_CONTENT, allergies: "Peanuts, penicillin" },
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    const rows = await database.db
      .selectFrom("child_health_summary")
      .select("version")
      .where("child_id", "=", child.id)
      .execute();
    expect(rows).toHaveLength(2); // the first version is kept
    expect(await auditRows("health_summary.update", child.id)).toHaveLength(2);
  });

  it("keeps every version: the table refuses changing or deleting one", async () => {
    const child = await mint();
    await call(CW, "PUT", `/api/children/${child.id}/health-summary`, { version: 0, content: SUMMARY_CONTENT });
    await expect(
      database.db.updateTable("child_health_summary").set({ version: 9 }).where("child_id", "=", child.id).execute(),
    ).rejects.toThrow(/keeps every version/);
    await expect(
      database.db.deleteFrom("child_health_summary").where("child_id", "=", child.id).execute(),
    ).rejects.toThrow(/keeps every version/);
  });

  it("refuses bad input naming the field, and the caregiver may not edit it", async () => {
    const child = await mint();
    const bad = await call(CW, "PUT", `/api/children/${child.id}/health-summary`, {
      version: 0,
      content: { ...SUMMARY_CONTENT, mediCalNumber: "12 34; drop" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ field: "content.mediCalNumber" });
    expect(bad.json().error.fields[0].message).toContain("Medi-Cal number");
    const caregiver = await call(CAREGIVER, "PUT", `/api/children/${child.id}/health-summary`, {
      version: 0,
      content: SUMMARY_CONTENT,
    });
    expect(caregiver.statusCode).toBe(403);
    const rows = await database.db
      .selectFrom("child_health_summary")
      .select("id")
      .where("child_id", "=", child.id)
      .execute();
    expect(rows).toHaveLength(0);
  });
});

describe("my children (the caregiver's pages)", () => {
  it("shows the child placed in my home with the summary, the Medi-Cal number masked until revealed (audited)", async () => {
    const child = await mint();
    await call(CW, "PUT", `/api/children/${child.id}/health-summary`, { version: 0, content: SUMMARY_CONTENT });
    const list = await call(CAREGIVER, "GET", "/api/my-children");
    expect(list.statusCode).toBe(200);
    expect(list.json().children.map((c: { childId: string }) => c.childId)).toContain(child.id);
    const page = await call(CAREGIVER, "GET", `/api/my-children/${child.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().summary).toMatchObject({
      allergies: "Peanuts",
      medications: [{ name: "Albuterol inhaler" }],
      mediCalNumberMasked: "•••• 567A",
    });
    expect(page.json().summaryUpdatedAt).toBeTruthy();
    expect(page.body).not.toContain("91234567A");
    expect(await auditRows("my_children.reveal", child.id)).toHaveLength(0);
    const reveal = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/reveal`, { field: "mediCalNumber" });
    expect(reveal.json()).toEqual({ field: "mediCalNumber", value: "91234567A" });
    const audited = await auditRows("my_children.reveal", child.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_user_id: userId(CAREGIVER), outcome: "success" });
    expect(audited[0]!.field_classes).toContain("health");
  });

  it("another caregiver gets 404 and sees nothing; a birth parent and a caseworker get 403", async () => {
    const child = await mint({ parent: true });
    await call(CW, "PUT", `/api/children/${child.id}/health-summary`, { version: 0, content: SUMMARY_CONTENT });
    for (const url of [
      `/api/my-children/${child.id}`,
      `/api/my-children/${child.id}/decisions`,
      `/api/my-children/${child.id}/life-book`,
    ])
      expect((await call(OTHER_CAREGIVER, "GET", url)).statusCode, url).toBe(404);
    const reveal = await call(OTHER_CAREGIVER, "POST", `/api/my-children/${child.id}/reveal`, {
      field: "mediCalNumber",
    });
    expect(reveal.statusCode).toBe(404);
    expect(reveal.body).not.toContain("91234567A");
    const theirs = await call(OTHER_CAREGIVER, "GET", "/api/my-children");
    expect(theirs.json().children.map((c: { childId: string }) => c.childId)).not.toContain(child.id);
    expect((await call(PARENT, "GET", `/api/my-children/${child.id}`)).statusCode).toBe(403);
    expect((await call(CW, "GET", `/api/my-children/${child.id}`)).statusCode).toBe(403);
    expect(await auditRows("my_children.reveal", child.id)).toHaveLength(0);
  });

  it("ends the day the placement ends: the former caregiver sees nothing of the child", async () => {
    const child = await mint();
    await call(CW, "PUT", `/api/children/${child.id}/health-summary`, { version: 0, content: SUMMARY_CONTENT });
    expect((await call(CAREGIVER, "GET", `/api/my-children/${child.id}`)).statusCode).toBe(200);
    await database.db
      .updateTable("placement")
      .set({ end_date: todayAt(world, SITE) })
      .where("child_id", "=", child.id)
      .execute();
    for (const url of [
      `/api/my-children/${child.id}`,
      `/api/my-children/${child.id}/decisions`,
      `/api/my-children/${child.id}/life-book`,
    ])
      expect((await call(CAREGIVER, "GET", url)).statusCode, url).toBe(404);
    expect(
      (await call(CAREGIVER, "POST", `/api/my-children/${child.id}/reveal`, { field: "mediCalNumber" })).statusCode,
    ).toBe(404);
    const decision = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/decisions`, {
      kind: "trip",
      decidedOn: todayAt(world, SITE),
      description: "After the move",
    });
    expect(decision.statusCode).toBe(404);
    const list = await call(CAREGIVER, "GET", "/api/my-children");
    expect(list.json().children.map((c: { childId: string }) => c.childId)).not.toContain(child.id);
  });
});

describe("everyday decisions", () => {
  it("the caregiver records one and the caseworker reads it; bad input names the field and writes nothing", async () => {
    const child = await mint();
    const today = todayAt(world, SITE);
    const ok = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/decisions`, {
      kind: "babysitting",
      decidedOn: today,
      description: "Neighbour babysat for 4 hours",
    });
    expect(ok.statusCode).toBe(201);
    const future = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/decisions`, {
      kind: "trip",
      decidedOn: "2099-01-01",
      description: "Later",
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].message).toContain("Day of the decision");
    const spanish = await app.inject({
      method: "POST",
      url: `/api/my-children/${child.id}/decisions`,
      headers: sessions
        .get(CAREGIVER)!
        .headers({ "accept-language": "es", cookie: `${sessions.get(CAREGIVER)!.cookie}; qpi_lang=es` }),
      payload: { kind: "nap", decidedOn: today, description: "" },
    });
    expect(spanish.statusCode).toBe(400);
    const described = spanish.json().error.fields.find((f: { field: string }) => f.field === "description");
    expect(described.message).toContain("Lo que usted decidió");
    const staff = await call(CW, "GET", `/api/children/${child.id}/rpp-decisions`);
    expect(staff.json().decisions).toHaveLength(1);
    expect(staff.json().decisions[0]).toMatchObject({
      kind: "babysitting",
      description: "Neighbour babysat for 4 hours",
    });
  });
});

describe("life book", () => {
  it("keeps a photo without its GPS metadata, refuses other files, and shares only what the caregiver chose", async () => {
    const child = await mint({ parent: true });
    const today = todayAt(world, SITE);
    const photo = jpeg(exifSegment({ orientation: 1 }), XMP_APP1);
    const added = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/life-book`, {
      kind: "photo",
      happenedOn: today,
      title: "At the park",
      photo: { fileName: "IMG_0001.jpg", contentBase64: Buffer.from(photo).toString("base64") },
      sharedWithBirthParent: true,
    });
    expect(added.statusCode).toBe(201);
    const bytes = await call(CAREGIVER, "GET", added.json().photoUrl);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers["content-type"]).toBe("image/jpeg");
    expect(contains(bytes.rawPayload, "GPSLatitude")).toBe(false);
    expect(contains(bytes.rawPayload, "Canon")).toBe(false);
    expect(await auditRows("life_book.add", added.json().id)).toHaveLength(1);
    expect(await auditRows("life_book.photo", added.json().id)).toHaveLength(1);
    const svg = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/life-book`, {
      kind: "photo",
      happenedOn: today,
      title: "Not a photo",
      photo: { fileName: "x.jpg", contentBase64: Buffer.from("<svg onload=alert(1)/>").toString("base64") },
      sharedWithBirthParent: false,
    });
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error.fields[0]).toMatchObject({ field: "photo" });
    expect(svg.json().error.fields[0].message).toContain("Photo");
    const mismatch = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/life-book`, {
      kind: "photo",
      happenedOn: today,
      title: "Renamed",
      photo: { fileName: "drawing.jpg", contentBase64: Buffer.from(png()).toString("base64") },
      sharedWithBirthParent: false,
    });
    expect(mismatch.statusCode).toBe(400);
    // In Spanish, the refusal names the field by its Spanish label; a body over 10 MB is refused before it is read.
    const spanish = await app.inject({
      method: "POST",
      url: `/api/my-children/${child.id}/life-book`,
      headers: sessions.get(CAREGIVER)!.headers({ cookie: `${sessions.get(CAREGIVER)!.cookie}; qpi_lang=es` }),
      payload: {
        kind: "photo",
        happenedOn: today,
        title: "GIF",
        photo: { fileName: "a.gif", contentBase64: Buffer.from("GIF89a\x01\x00", "latin1").toString("base64") },
        sharedWithBirthParent: false,
      },
    });
    expect(spanish.statusCode).toBe(400);
    expect(spanish.json().error.fields[0].message).toContain("Foto");
    const huge = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/life-book`, {
      kind: "photo",
      happenedOn: today,
      title: "Too big",
      photo: { fileName: "big.jpg", contentBase64: "A".repeat(11 * 1024 * 1024) },
      sharedWithBirthParent: false,
    });
    expect(huge.statusCode).toBe(413);
    const milestone = await call(CAREGIVER, "POST", `/api/my-children/${child.id}/life-book`, {
      kind: "milestone",
      happenedOn: today,
      title: "Lost a first tooth",
      sharedWithBirthParent: false,
    });
    expect(milestone.statusCode).toBe(201);
    const items = await call(CAREGIVER, "GET", `/api/my-children/${child.id}/life-book`);
    expect(items.json().items).toHaveLength(2);

    // The birth parent (through the export the birth-parent page calls) sees the shared photo, not the milestone.
    const parent = (await loadActor(database.db, userId(PARENT)!, { ip: null, requestId: null }, new Date()))!;
    const shared = await sharedLifeBookItemsForBirthParent(database.db, parent, child.id, { photoBase: "/p" });
    expect(shared.items.map((i) => i.title)).toEqual(["At the park"]);
    // Stop sharing: gone for the parent.
    await call(CAREGIVER, "POST", `/api/my-children/${child.id}/life-book/${added.json().id}/share`, {
      sharedWithBirthParent: false,
    });
    expect((await sharedLifeBookItemsForBirthParent(database.db, parent, child.id, { photoBase: "/p" })).items).toEqual(
      [],
    );
    // Share again, then a no-contact court order: nothing while it holds.
    await call(CAREGIVER, "POST", `/api/my-children/${child.id}/life-book/${added.json().id}/share`, {
      sharedWithBirthParent: true,
    });
    const order = await call(CW, "POST", `/api/children/${child.id}/court-orders`, {
      kind: "no_contact",
      startsOn: today,
    });
    expect(order.statusCode).toBe(201);
    expect((await sharedLifeBookItemsForBirthParent(database.db, parent, child.id, { photoBase: "/p" })).items).toEqual(
      [],
    );
    // The other caregiver, as a birth parent would be of another child, does not reach it.
    const other = (await loadActor(
      database.db,
      (
        await database.db
          .selectFrom("user_account")
          .select("id")
          .where("email", "=", OTHER_CAREGIVER)
          .executeTakeFirstOrThrow()
      ).id,
      { ip: null, requestId: null },
      new Date(),
    ))!;
    await expect(
      sharedLifeBookItemsForBirthParent(database.db, other, child.id, { photoBase: "/p" }),
    ).rejects.toMatchObject({
      status: expect.any(Number),
    });
  });
});
