import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { personOf, siteOf, todayAt } from "../children/practice-fixtures.js";
import { COMMENT, exifSegment, jpeg } from "../platform/file-fixtures.js";
import { startSmtpServer } from "../support/smtp-test-server.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Safe messages between a child's caregiver and birth parent: no channel before staff record the families'
// agreement; relayed, so neither side's address, phone or email reaches the other; attachments through the file
// store with their metadata removed; an email notice without content, through a real SMTP server; a pause by staff
// and a court order close it (the order also hides the home's name from the parent); a move ends it; the
// caseworker reads the thread, audited. Everything else answers 404.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const previousSmtpUrl = process.env.QPI_SMTP_URL;
const sessions = new Map<string, SignedIn>();
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
const YOUTH = "youth@demo.qpi.example";
const OTHER_CW = "caseworker@fl-c13.demo.qpi.example";
const ADDRESS = "77 Planted Sentinel Rd";
const PHONE = "(559) 555-0177";
const PARENT_PHONE = "(559) 555-0188";
let childId: string;
let otherChildId: string;
let householdId: string;
let householdName: string;
let parentPersonId: string;
let siteId: string;
let today: string;

const call = (email: string, method: "GET" | "POST", url: string, payload?: unknown) =>
  app.inject({ method, url, headers: sessions.get(email)!.headers(), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  smtp = await startSmtpServer();
  process.env.QPI_SMTP_URL = smtp.url;
  for (const email of [CW, PARENT, CAREGIVER, YOUTH, OTHER_CW]) sessions.set(email, await signIn(app, email));
  const caregiverPerson = personOf(world, CAREGIVER);
  householdId = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
  parentPersonId = personOf(world, PARENT);
  siteId = siteOf(world, "CA-FRESNO").id;
  today = todayAt(world, "CA-FRESNO");
  const spec = { siteId, caseworkerPersonId: personOf(world, CW), householdId };
  childId = (await mintChild(database.db, { ...spec, parentPersonId })).id;
  otherChildId = (await mintChild(database.db, spec)).id;
  const home = await database.db
    .updateTable("household")
    .set({ address_line1: ADDRESS, phone: PHONE, contact_shared_with_birth_parents: false })
    .where("id", "=", householdId)
    .returning("name")
    .executeTakeFirstOrThrow();
  householdName = home.name;
  await database.db.updateTable("person").set({ phone: PARENT_PHONE }).where("id", "=", parentPersonId).execute();
}, 180_000);
afterAll(async () => {
  if (previousSmtpUrl === undefined) delete process.env.QPI_SMTP_URL;
  else process.env.QPI_SMTP_URL = previousSmtpUrl;
  await smtp?.close();
  await app?.close();
  await database?.close();
});

describe("safe messages between the families", () => {
  let agreementId: string;

  it("has no channel before the agreement: both parties get 404, staff see who could agree", async () => {
    expect((await call(CAREGIVER, "GET", `/api/my-children/${childId}/messages`)).statusCode).toBe(404);
    expect((await call(PARENT, "GET", `/api/family/children/${childId}/messages`)).statusCode).toBe(404);
    const staff = await call(CW, "GET", `/api/children/${childId}/family-channel`);
    expect(staff.statusCode).toBe(200);
    expect(staff.json().parents.map((p: { personId: string }) => p.personId)).toEqual([parentPersonId]);
    expect(staff.json().home).toEqual({ id: householdId, name: householdName });
    expect(staff.json().agreements).toEqual([]);
  });

  it("records the agreement only with both parties, a past date and a parent of the child", async () => {
    const url = `/api/children/${childId}/family-channel/agreements`;
    const body = { birthParentPersonId: parentPersonId, agreedOn: today, caregiverAgreed: true, parentAgreed: true };
    const future = await call(CW, "POST", url, { ...body, agreedOn: addCalendarDays(today, 2) });
    expect(future.statusCode).toBe(400);
    expect(JSON.stringify(future.json())).toContain("Date agreed");
    expect((await call(CW, "POST", url, { ...body, parentAgreed: false })).statusCode).toBe(400);
    const stranger = personOf(world, YOUTH);
    expect((await call(CW, "POST", url, { ...body, birthParentPersonId: stranger })).statusCode).toBe(400);
    expect((await call(CAREGIVER, "POST", url, body)).statusCode).toBe(403);
    expect((await call(OTHER_CW, "POST", url, body)).statusCode).toBe(404);
    const recorded = await call(CW, "POST", url, { ...body, note: "Agreed at the icebreaker" });
    expect(recorded.statusCode).toBe(201);
    agreementId = recorded.json().agreements[0].id;
    expect(recorded.json().agreements[0]).toMatchObject({ status: "open", current: true, householdName });
    expect((await call(CW, "POST", url, body)).statusCode).toBe(409);
  });

  it("relays messages: each side reads the thread, neither sees the other's contact details", async () => {
    const caregiver = await call(CAREGIVER, "GET", `/api/my-children/${childId}/messages`);
    expect(caregiver.statusCode).toBe(200);
    expect(caregiver.json().threads).toHaveLength(1);
    expect(caregiver.json().threads[0]).toMatchObject({ agreementId, status: "open", messages: [] });
    const parent = await call(PARENT, "GET", `/api/family/children/${childId}/messages`);
    expect(parent.json().threads[0]).toMatchObject({ agreementId, status: "open", otherPartyName: householdName });

    const photo = jpeg(exifSegment(), COMMENT);
    const sent = await call(CAREGIVER, "POST", `/api/my-children/${childId}/messages`, {
      agreementId,
      body: "She scored a goal today!",
      attachment: { fileName: "goal.jpg", contentBase64: Buffer.from(photo).toString("base64") },
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ side: "caregiver", fromMe: true, body: "She scored a goal today!" });
    const reply = await call(PARENT, "POST", `/api/family/children/${childId}/messages`, {
      agreementId,
      body: "Thank you for telling me",
    });
    expect(reply.statusCode).toBe(201);

    const thread = await call(PARENT, "GET", `/api/family/children/${childId}/messages`);
    const messages = thread.json().threads[0].messages;
    expect(messages.map((m: { body: string; fromMe: boolean }) => [m.body, m.fromMe])).toEqual([
      ["She scored a goal today!", false],
      ["Thank you for telling me", true],
    ]);
    // The attachment: a JPEG, with its EXIF (GPS) and comment removed.
    const file = await app.inject({
      method: "GET",
      url: messages[0].attachment.url,
      headers: sessions.get(PARENT)!.headers(),
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/jpeg");
    expect(file.rawPayload.includes(Buffer.from("Exif"))).toBe(false);
    expect(file.rawPayload.includes(Buffer.from("123 Elm Street"))).toBe(false);

    // No address, phone or email of either side in either side's answers.
    const caregiverPerson = await database.db
      .selectFrom("user_account")
      .select("email")
      .where("person_id", "=", personOf(world, CAREGIVER))
      .executeTakeFirstOrThrow();
    for (const body of [thread.body, (await call(CAREGIVER, "GET", `/api/my-children/${childId}/messages`)).body]) {
      for (const secret of [ADDRESS, PHONE, PARENT_PHONE, PARENT, caregiverPerson.email])
        expect(body).not.toContain(secret);
    }
  });

  it("emails the other party a notice through SMTP, without the message", async () => {
    const mail = await smtp.mailTo(PARENT);
    expect(mail.text).toMatch(/\/my-child/);
    expect(mail.text).not.toContain("goal");
    expect(mail.raw).not.toContain(householdName);
    const toCaregiver = await smtp.mailTo(CAREGIVER);
    expect(toCaregiver.text).toMatch(/\/my-children/);
    expect(toCaregiver.text).not.toContain("Thank you");
  });

  it("the caseworker reads the thread, audited; no one else reaches it", async () => {
    const staff = await call(CW, "GET", `/api/children/${childId}/family-channel`);
    expect(staff.json().agreements[0].messages).toHaveLength(2);
    const audited = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("entity_id", "=", childId)
      .where("action", "=", "family_message.staff_read")
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    expect((await call(OTHER_CW, "GET", `/api/children/${childId}/family-channel`)).statusCode).toBe(404);
    expect((await call(YOUTH, "GET", `/api/family/children/${childId}/messages`)).statusCode).toBe(403);
    expect((await call(PARENT, "GET", `/api/my-children/${childId}/messages`)).statusCode).toBe(404);
    // The caregiver's other child has no agreement: no channel.
    expect((await call(CAREGIVER, "GET", `/api/my-children/${otherChildId}/messages`)).statusCode).toBe(404);
    const attachment = staff.json().agreements[0].messages[0].attachment.url as string;
    const viaOtherChild = attachment.replace(childId, otherChildId).replace("/api/children", "/api/my-children");
    expect(
      (await call(CAREGIVER, "GET", viaOtherChild.replace("/family-channel/messages", "/messages"))).statusCode,
    ).toBe(404);
  });

  it("a pause by staff stops both sides until reopened", async () => {
    const url = `/api/children/${childId}/family-channel/agreements/${agreementId}/pause`;
    const paused = await call(CW, "POST", url, { paused: true, reason: "Team meeting first" });
    expect(paused.json().agreements[0]).toMatchObject({ status: "paused", pauseReason: "Team meeting first" });
    const refused = await call(PARENT, "POST", `/api/family/children/${childId}/messages`, { agreementId, body: "Hi" });
    expect(refused.statusCode).toBe(409);
    expect((await call(CAREGIVER, "GET", `/api/my-children/${childId}/messages`)).json().threads[0].status).toBe(
      "paused",
    );
    await call(CW, "POST", url, { paused: false });
    const count = await database.db.selectFrom("family_message").select("id").where("child_id", "=", childId).execute();
    expect(count).toHaveLength(2);
  });

  it("a non-disclosure order pauses the channel and hides the home's name from the parent", async () => {
    const order = await database.db
      .insertInto("court_order")
      .values({ child_id: childId, site_id: siteId, kind: "no_contact_disclosure", starts_on: today, ends_on: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const parent = await call(PARENT, "GET", `/api/family/children/${childId}/messages`);
    expect(parent.json().threads[0]).toMatchObject({ status: "paused_by_court_order", otherPartyName: null });
    expect(parent.json().threads[0].messages[0].senderName).toBeNull();
    expect(parent.body).not.toContain(householdName);
    const refused = await call(CAREGIVER, "POST", `/api/my-children/${childId}/messages`, { agreementId, body: "Hi" });
    expect(refused.statusCode).toBe(409);
    await database.db.deleteFrom("court_order").where("id", "=", order.id).execute();
    expect((await call(PARENT, "GET", `/api/family/children/${childId}/messages`)).json().threads[0].status).toBe(
      "open",
    );
  });

  it("ends with the placement: a move closes the channel for both", async () => {
    await database.db
      .updateTable("placement")
      .set({ end_date: today })
      .where("child_id", "=", childId)
      .where("end_date", "is", null)
      .execute();
    expect((await call(CAREGIVER, "GET", `/api/my-children/${childId}/messages`)).statusCode).toBe(404);
    expect((await call(PARENT, "GET", `/api/family/children/${childId}/messages`)).statusCode).toBe(404);
    const staff = await call(CW, "GET", `/api/children/${childId}/family-channel`);
    expect(staff.json().agreements[0].current).toBe(false);
  });
});
