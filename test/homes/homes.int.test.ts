import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { inquiryToken } from "../../server/modules/homes/index.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedDay } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { personOf, siteOf } from "../children/practice-fixtures.js";
import { PDF } from "../platform/file-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Resource families end to end through the API: the pipeline's transitions (each step, a step skipped, approval
// without its checks), the deadline rules (a version per date), closures with coded reasons, the caregiver's consent
// driving what a birth parent sees, who may record it, and the public inquiry form's defences.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let siteId: string;
let siteCode: string;
const sessions = new Map<string, SignedIn>();
const RFA = "rfa@demo.qpi.example";
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
const today = () => zonedDay(new Date(), "America/Los_Angeles");

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  const emails = await database.db.selectFrom("user_account").select("email").execute();
  for (const email of [RFA, CW, PARENT, CAREGIVER]) {
    if (!emails.some((e) => e.email === email)) throw new Error(`no demo account ${email}`);
    sessions.set(email, await signIn(app, email));
  }
  const site = siteOf(world, "CA-FRESNO");
  siteId = site.id;
  siteCode = site.code;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const call = (email: string | null, method: "GET" | "POST" | "PUT", url: string, payload?: unknown, ip?: string) =>
  app.inject({
    method,
    url,
    payload: payload as object,
    headers: email ? sessions.get(email)!.headers() : {},
    ...(ip ? { remoteAddress: ip } : {}),
  });
const stage = (id: string, to: string, extra: Record<string, unknown> = {}) =>
  call(RFA, "POST", `/api/households/${id}/stage`, { stage: to, on: today(), ...extra });
const detail = async (id: string) => (await call(RFA, "GET", `/api/households/${id}`)).json();

/** Uploads (as the RFA worker) and accepts every document California's approval waits for. */
async function acceptBlockingDocuments(id: string) {
  const list = (await call(RFA, "GET", `/api/households/${id}/documents`)).json();
  for (const requirement of list.requirements.filter((r: { blocksApproval: boolean }) => r.blocksApproval)) {
    const sent = await call(RFA, "POST", `/api/households/${id}/documents`, {
      requirementCode: requirement.code,
      fileName: `${requirement.code}.pdf`,
      contentBase64: Buffer.from(PDF).toString("base64"),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const upload = sent.json().requirements.find((r: { code: string }) => r.code === requirement.code).documents[0];
    const review = await call(RFA, "POST", `/api/households/${id}/documents/${upload.id}/review`, {
      decision: "accepted",
    });
    expect(review.statusCode, review.body).toBe(200);
  }
}

async function newInquiry(familyName: string) {
  const response = await call(RFA, "POST", "/api/households", {
    siteId,
    applicantGivenName: "Rosa",
    applicantFamilyName: familyName,
    approvalType: "resource_family",
    recruitmentSource: "event",
    inquiryOn: addCalendarDays(today(), -10),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe("the approval pipeline", () => {
  it("moves one step at a time; a skipped step or approval without checks changes nothing", async () => {
    const id = await newInquiry("Okafor");
    const skipped = await stage(id, "application");
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().error.fields[0].message).toContain("Orientation");
    expect((await detail(id)).stage).toBe("inquiry");

    for (const to of [
      "orientation",
      "application",
      "background_checks",
      "training",
      "home_assessment",
      "psychosocial",
      "written_report",
    ]) {
      const response = await stage(id, to);
      expect(response.statusCode, `${to}: ${response.body}`).toBe(200);
      expect(response.json().stage).toBe(to);
    }
    const home = await detail(id);
    // The application created the approval deadline from California's rule in force that day (120 days since
    // 1 July 2024), with its source.
    const due = home.tasks.find((t: { kind: string }) => t.kind === "approval_due");
    expect(due).toMatchObject({ dueOn: addCalendarDays(today(), 120), status: "open" });
    expect(due.sourceUrl).toContain("dcfs.lacounty.gov");
    // The RFA worker's deadlines list it once due within 30 days: not yet (120 days ahead).
    const soon = await call(RFA, "GET", `/api/households/deadlines?siteId=${siteId}`);
    expect(soon.statusCode).toBe(200);
    expect(soon.json().tasks.map((t: { householdId: string }) => t.householdId)).not.toContain(id);
    await database.db
      .updateTable("household_task")
      .set({ due_on: addCalendarDays(today(), -1) })
      .where("household_id", "=", id)
      .execute();
    const late = (await call(RFA, "GET", `/api/households/deadlines?siteId=${siteId}`)).json();
    expect(late.tasks.find((t: { householdId: string }) => t.householdId === id)).toMatchObject({ overdue: true });
    await database.db.updateTable("household_task").set({ due_on: due.dueOn }).where("household_id", "=", id).execute();
    expect((await call(CW, "GET", `/api/households/deadlines?siteId=${siteId}`)).statusCode).toBe(403);

    const refused = await stage(id, "approved");
    expect(refused.statusCode).toBe(400);
    const message = refused.json().error.fields[0].message as string;
    expect(message).toContain("Live Scan");
    expect(message).toContain("12 hours");
    expect((await detail(id)).stage).toBe("written_report");

    for (const kind of ["live_scan", "child_abuse_index"]) {
      const check = await call(RFA, "POST", `/api/households/${id}/checks`, {
        subject: "Rosa Okafor",
        kind,
        status: "cleared",
        requestedOn: addCalendarDays(today(), -5),
        completedOn: today(),
      });
      expect(check.statusCode, check.body).toBe(200);
    }
    const stillShort = await stage(id, "approved");
    expect(stillShort.statusCode).toBe(400);
    expect(stillShort.json().error.fields[0].message).not.toContain("Live Scan");
    const current = await detail(id);
    const saved = await call(RFA, "PUT", `/api/households/${id}`, {
      version: current.version,
      name: current.name,
      addressLine1: "1450 N Maple Ave",
      city: "Fresno",
      postalCode: "93703",
      phone: "(559) 555-0142",
      email: null,
      languages: ["en", "es"],
      licenseNumber: `RFA-T-${id.slice(0, 6)}`,
      approvalType: "resource_family",
      capacity: 3,
      prefAgeMin: 0,
      prefAgeMax: 12,
      prefSiblingGroups: true,
      prefNeeds: ["medical"],
      availability: "available",
      trainingHours: 12,
      residents: [{ role: "applicant", givenName: "Rosa", familyName: "Okafor", birthYear: 1984, relationship: null }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Checks and hours are there; California's documents approval waits for are not yet accepted.
    const paperworkShort = await stage(id, "approved");
    expect(paperworkShort.statusCode).toBe(400);
    expect(paperworkShort.json().error.fields[0].message).toContain("required documents");
    await acceptBlockingDocuments(id);
    const approved = await stage(id, "approved");
    expect(approved.statusCode, approved.body).toBe(200);
    const after = approved.json();
    expect(after).toMatchObject({ stage: "approved", approvedOn: today(), availability: "available" });
    expect(after.tasks.find((t: { kind: string }) => t.kind === "approval_due").status).toBe("done");
    expect(after.tasks.find((t: { kind: string }) => t.kind === "cpr_first_aid_due").dueOn).toBe(
      addCalendarDays(today(), 90),
    );
    // Approved is the end of the path: a further step is refused naming it.
    expect((await stage(id, "written_report")).statusCode).toBe(400);
  });

  it("takes the rule version in force on the application's day (90 days before 1 July 2024)", async () => {
    const id = await newInquiry("Lindqvist");
    await database.db.updateTable("household").set({ inquiry_on: "2024-05-01" }).where("id", "=", id).execute();
    await database.db
      .updateTable("household_stage_event")
      .set({ entered_on: "2024-05-01" })
      .where("household_id", "=", id)
      .execute();
    expect((await stage(id, "orientation", { on: "2024-05-20" })).statusCode).toBe(200);
    expect((await stage(id, "application", { on: "2024-06-01" })).statusCode).toBe(200);
    const due = (await detail(id)).tasks.find((t: { kind: string }) => t.kind === "approval_due");
    expect(due.dueOn).toBe("2024-08-30");
  });

  it("ends an application only with a coded reason of the right kind, and nothing after it", async () => {
    const id = await newInquiry("Baptiste");
    const noReason = await stage(id, "withdrawn");
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe("reasonCode");
    expect((await stage(id, "withdrawn", { reasonCode: "home_safety" })).statusCode).toBe(400);
    expect((await stage(id, "withdrawn", { reasonCode: "withdrawn_other" })).json().error.fields[0].field).toBe("note");
    const ok = await stage(id, "withdrawn", { reasonCode: "moved_away" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ stage: "withdrawn", exitReason: "moved_away" });
    expect((await stage(id, "orientation")).statusCode).toBe(400);
    expect((await detail(id)).stage).toBe("withdrawn");
  });

  it("refuses a future date, a date before the last step, and bad input, in Spanish too", async () => {
    const id = await newInquiry("Navarro");
    expect((await stage(id, "orientation", { on: addCalendarDays(today(), 3) })).statusCode).toBe(400);
    expect((await stage(id, "orientation", { on: addCalendarDays(today(), -40) })).statusCode).toBe(400);
    const spanish = await app.inject({
      method: "POST",
      url: `/api/households/${id}/stage`,
      payload: { stage: "training", on: today() },
      headers: sessions
        .get(RFA)!
        .headers({ "accept-language": "es", cookie: `${sessions.get(RFA)!.cookie}; qpi_lang=es` }),
    });
    expect(spanish.statusCode).toBe(400);
    expect(spanish.body).toContain("no se pueden saltar");
    expect((await detail(id)).stage).toBe("inquiry");
  });
});

describe("closing a home", () => {
  it("needs a coded reason, text for “other”, and a date; then the home is closed", async () => {
    const homes = await call(RFA, "GET", `/api/households?siteId=${siteId}&stage=approved`);
    const target = homes.json().households[0];
    const url = `/api/households/${target.id}/close`;
    expect((await call(RFA, "POST", url, { reason: "", closedOn: today() })).statusCode).toBe(400);
    expect((await call(RFA, "POST", url, { reason: "lost_interest", closedOn: today() })).statusCode).toBe(400);
    const other = await call(RFA, "POST", url, { reason: "other", closedOn: today() });
    expect(other.json().error.fields[0].field).toBe("note");
    expect((await detail(target.id)).stage).toBe("approved");
    const closed = await call(RFA, "POST", url, { reason: "burnout_lack_of_support", closedOn: today() });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      stage: "closed",
      closedOn: today(),
      closureReason: "burnout_lack_of_support",
    });
    expect((await call(CW, "POST", url, { reason: "moved", closedOn: today() })).statusCode).toBe(403);
  });
});

describe("consent to share contact details drives what the birth parent sees", () => {
  it("the caregiver turns it on and off; staff record it with a note; others cannot", async () => {
    const caregiverPerson = personOf(world, CAREGIVER);
    const householdId = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
    const child = await mintChild(database.db, {
      siteId,
      caseworkerPersonId: personOf(world, CW),
      householdId,
      parentPersonId: personOf(world, PARENT),
    });
    await database.db
      .updateTable("household")
      .set({ address_line1: "88 Consent Court", phone: "(559) 555-0177", contact_shared_with_birth_parents: false })
      .where("id", "=", householdId)
      .execute();
    const parentSees = async () => {
      const response = await call(PARENT, "GET", `/api/children/${child.id}/placements`);
      expect(response.statusCode, response.body).toBe(200);
      return response.body.includes("88 Consent Court");
    };
    const consentRows = async () =>
      (
        await database.db
          .selectFrom("household_contact_consent")
          .select("id")
          .where("household_id", "=", householdId)
          .execute()
      ).length;
    expect(await parentSees()).toBe(false);

    const mine = await call(CAREGIVER, "GET", "/api/my-household");
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.body).not.toContain("88 Consent Court");
    expect(mine.json().households.map((h: { id: string }) => h.id)).toContain(householdId);

    const on = await call(CAREGIVER, "POST", "/api/my-household/consent", { householdId, shared: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(await parentSees()).toBe(true);
    const off = await call(CAREGIVER, "POST", "/api/my-household/consent", { householdId, shared: false });
    expect(off.statusCode).toBe(200);
    expect(await parentSees()).toBe(false);
    expect(await consentRows()).toBe(2);

    // Not allowed: a caseworker, a birth parent (403: no such permission anywhere); the caregiver for another home (404).
    const before = await consentRows();
    expect(
      (await call(CW, "POST", `/api/households/${householdId}/consent`, { shared: true, note: "said so" })).statusCode,
    ).toBe(403);
    expect((await call(PARENT, "POST", "/api/my-household/consent", { householdId, shared: true })).statusCode).toBe(
      403,
    );
    const other = world.households.find((h) => h.site_id === siteId && h.id !== householdId && h.kind !== "facility")!;
    expect(
      (await call(CAREGIVER, "POST", "/api/my-household/consent", { householdId: other.id, shared: true })).statusCode,
    ).toBe(404);
    // Staff record it on the caregiver's behalf only with a note saying how they were told.
    expect((await call(RFA, "POST", `/api/households/${householdId}/consent`, { shared: true })).statusCode).toBe(400);
    expect(await consentRows()).toBe(before);
    expect(await parentSees()).toBe(false);
    const staff = await call(RFA, "POST", `/api/households/${householdId}/consent`, {
      shared: true,
      note: "Told me by phone on the home visit",
    });
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json().consentHistory[0]).toMatchObject({ shared: true, recordedAs: "staff_on_behalf" });
    expect(staff.json().consentHistory).toHaveLength(3);
    expect(await parentSees()).toBe(true);
    // The history cannot be rewritten.
    await expect(
      database.db
        .updateTable("household_contact_consent")
        .set({ shared: false })
        .where("household_id", "=", householdId)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });
});

describe("finding households", () => {
  it("RFA workers find homes by name, address or licence; caseworkers cannot list them", async () => {
    expect((await call(CW, "GET", `/api/households?siteId=${siteId}`)).statusCode).toBe(403);
    const all = await call(RFA, "GET", `/api/households?siteId=${siteId}`);
    expect(all.statusCode).toBe(200);
    const one = all.json().households.find((h: { licenseNumber: string | null }) => h.licenseNumber);
    expect(one.addressLine1).toBeTruthy();
    const byLicence = await call(
      RFA,
      "GET",
      `/api/households?siteId=${siteId}&q=${encodeURIComponent(one.licenseNumber)}`,
    );
    expect(byLicence.json().households.map((h: { id: string }) => h.id)).toEqual([one.id]);
    const byAddress = await call(
      RFA,
      "GET",
      `/api/households?siteId=${siteId}&q=${encodeURIComponent(one.addressLine1)}`,
    );
    expect(byAddress.json().households.map((h: { id: string }) => h.id)).toContain(one.id);
  });
});

describe("the public inquiry form", () => {
  const form = { givenName: "Ana", familyName: "Webform", email: "ana@example.org", postalCode: "93721" };
  const count = async () =>
    (await database.db.selectFrom("household").select("id").where("name", "=", "Webform household").execute()).length;

  it("refuses a fresh or forged token, keeps nothing from a filled honeypot, limits an address", async () => {
    const page = await call(null, "GET", `/api/public/sites/${siteCode}/inquiry-form`);
    expect(page.statusCode).toBe(200);
    const fresh = page.json().token as string;
    const url = `/api/public/sites/${siteCode}/inquiries`;
    const tooFast = await call(null, "POST", url, { ...form, formToken: fresh }, "203.0.113.5");
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json().error.fields[0].field).toBe("formToken");
    const old = await inquiryToken(database.db, siteId, Date.now() - 60_000);
    const forged = `${Date.now() - 60_000}.${old.split(".")[1]}x`;
    expect((await call(null, "POST", url, { ...form, formToken: forged }, "203.0.113.5")).statusCode).toBe(400);
    const robot = await call(
      null,
      "POST",
      url,
      { ...form, website: "http://spam.example", formToken: old },
      "203.0.113.5",
    );
    expect(robot.statusCode).toBe(201);
    expect(await count()).toBe(0);
    for (let i = 0; i < 5; i++)
      expect((await call(null, "POST", url, { ...form, formToken: old }, "203.0.113.6")).statusCode).toBe(201);
    expect(await count()).toBe(5);
    expect((await call(null, "POST", url, { ...form, formToken: old }, "203.0.113.6")).statusCode).toBe(429);
    expect(await count()).toBe(5);
    const inquiry = await database.db
      .selectFrom("household")
      .select(["stage", "recruitment_source", "inquiry_on"])
      .where("name", "=", "Webform household")
      .executeTakeFirstOrThrow();
    expect(inquiry).toMatchObject({ stage: "inquiry", recruitment_source: "web_form" });
  });
});

describe("matching a sibling group", () => {
  it("the caseworker ranks homes with reasons and no names; opening one is audited; others cannot", async () => {
    const worker = personOf(world, CW);
    const home = world.households.find(
      (h) => h.site_id === siteId && h.kind !== "facility" && h.approved_on && !h.closed_on,
    )!;
    const group = [];
    for (let i = 0; i < 2; i++)
      group.push(await mintChild(database.db, { siteId, caseworkerPersonId: worker, householdId: home.id }));
    await database.db
      .insertInto("child_relation")
      .values([
        { child_id: group[0].id, person_id: group[1].personId, kind: "sibling_full" },
        { child_id: group[1].id, person_id: group[0].personId, kind: "sibling_full" },
      ])
      .execute();
    const ranked = await call(CW, "GET", `/api/children/${group[0].id}/home-matches?needs=medical`);
    expect(ranked.statusCode, ranked.body).toBe(200);
    const body = ranked.json();
    expect(body.groupSize).toBe(2);
    expect(body.candidates.length).toBeGreaterThan(0);
    expect(body.candidates[0].reasons.map((r: { code: string }) => r.code)).toContain("ages_fit");
    // Names stay hidden in the ranking.
    const names = (
      await database.db.selectFrom("household").select("name").where("site_id", "=", siteId).execute()
    ).map((h) => h.name);
    for (const c of body.candidates.slice(0, 5))
      for (const name of names) expect(JSON.stringify(c)).not.toContain(name);
    const scores = body.candidates.map((c: { score: number }) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const first = body.candidates[0].householdId;
    const before = await database.db
      .selectFrom("audit_event")
      .select("seq")
      .where("action", "=", "household.candidate.open")
      .execute();
    const opened = await call(CW, "GET", `/api/children/${group[0].id}/home-matches/${first}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().name).toMatch(/household$/);
    const after = await database.db
      .selectFrom("audit_event")
      .select("seq")
      .where("action", "=", "household.candidate.open")
      .execute();
    expect(after.length).toBe(before.length + 1);

    expect((await call(RFA, "GET", `/api/children/${group[0].id}/home-matches`)).statusCode).toBe(403);
    expect((await call(CAREGIVER, "GET", `/api/children/${group[0].id}/home-matches`)).statusCode).toBe(403);
  });
});

describe("asking homes to confirm their availability", () => {
  it("emails an approved home whose availability is stale, once in 30 days; the caregiver confirms on My home", async () => {
    const caregiverPerson = personOf(world, CAREGIVER);
    const householdId = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
    await database.db
      .updateTable("household")
      .set({
        email: "stale-home@example.org",
        availability_confirmed_on: "2020-01-01",
        availability_asked_on: null,
        stage: "approved",
      })
      .where("id", "=", householdId)
      .execute();
    const { homesJobs } = await import("../../server/modules/homes/availability-check.js");
    const job = homesJobs("https://qpi.example").household_availability_check;
    const sent = async () =>
      (
        await database.db
          .selectFrom("outbound_email")
          .select("body_text")
          .where("to_address", "=", "stale-home@example.org")
          .execute()
      ).length;
    const runOnce = async () => {
      await database.db.transaction().execute((trx) => job.run(trx, new Date()));
      await job.afterCommit?.(database.db);
    };
    await runOnce();
    expect(await sent()).toBe(1);
    await runOnce();
    expect(await sent()).toBe(1);
    const confirmed = await call(CAREGIVER, "POST", "/api/my-household/availability", {
      householdId,
      availability: "full",
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ availability: "full", availabilityConfirmedOn: today() });
    const other = world.households.find((h) => h.site_id === siteId && h.id !== householdId && h.kind !== "facility")!;
    expect(
      (await call(CAREGIVER, "POST", "/api/my-household/availability", { householdId: other.id, availability: "full" }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(RFA, "POST", "/api/my-household/availability", { householdId, availability: "full" })).statusCode,
    ).toBe(403);
  });
});

describe("retention figures", () => {
  it("count approvals, open homes, closures by reason and one-year retention from the household records", async () => {
    const response = await call(RFA, "GET", `/api/households/retention?siteId=${siteId}`);
    expect(response.statusCode, response.body).toBe(200);
    const r = response.json();
    const homes = await database.db
      .selectFrom("household")
      .select(["approved_on", "closed_on", "closure_reason"])
      .where("site_id", "=", siteId)
      .where("kind", "!=", "facility")
      .execute();
    const within = (d: string | null) => d !== null && d >= r.from && d <= r.to;
    expect(r.approved).toBe(homes.filter((h) => within(h.approved_on)).length);
    expect(r.closed).toBe(homes.filter((h) => within(h.closed_on)).length);
    expect(r.activeAtEnd).toBe(
      homes.filter((h) => h.approved_on && h.approved_on <= r.to && (!h.closed_on || h.closed_on > r.to)).length,
    );
    // The home closed in this file for burnout is counted under its own reason.
    expect(
      r.closedByReason.find((x: { reason: string }) => x.reason === "burnout_lack_of_support")?.count,
    ).toBeGreaterThanOrEqual(1);
    expect(r.closedByReason.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(r.closed);
    expect(r.oneYearRetention.retained).toBeLessThanOrEqual(r.oneYearRetention.cohort);
    expect((await call(CW, "GET", `/api/households/retention?siteId=${siteId}`)).statusCode).toBe(403);
  });
});
