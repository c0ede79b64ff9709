import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedDay } from "../../server/platform/rules/zoned-time.js";
import { personOf, siteOf } from "../children/practice-fixtures.js";
import { contains, exifSegment, jpeg, PDF, XMP_APP1 } from "../platform/file-fixtures.js";
import { startSmtpServer, tokenFromLink } from "../support/smtp-test-server.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Approval documents and signed statements through the API: California's list as data with its sources, uploads
// checked from their content, the worker's review (a rejection says why; a review happens once), approval waiting
// for the documents, the family's own uploads and e-signature bound to the SHA-256 of the text shown, and who
// reaches what.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let siteId: string;
const sessions = new Map<string, SignedIn>();
const RFA = "rfa@demo.qpi.example";
const CW = "caseworker@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
const today = () => zonedDay(new Date(), "America/Los_Angeles");
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const previousSmtp = process.env.QPI_SMTP_URL;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.QPI_SMTP_URL = smtp.url;
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [RFA, CW, CAREGIVER]) sessions.set(email, await signIn(app, email));
  siteId = siteOf(world, "CA-FRESNO").id;
}, 180_000);
afterAll(async () => {
  if (previousSmtp === undefined) delete process.env.QPI_SMTP_URL;
  else process.env.QPI_SMTP_URL = previousSmtp;
  await app?.close();
  await database?.close();
  await smtp?.close();
});

const call = (email: string, method: "GET" | "POST", url: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as object, headers: sessions.get(email)!.headers() });
const audits = async (action: string, entityId?: string) =>
  (
    await database.db
      .selectFrom("audit_event")
      .select("id")
      .where("action", "=", action)
      .$if(entityId !== undefined, (q) => q.where("entity_id", "=", entityId!))
      .execute()
  ).length;
const uploads = async (householdId: string) =>
  (await database.db.selectFrom("household_document").select("id").where("household_id", "=", householdId).execute())
    .length;

async function homeAtWrittenReport() {
  const created = await call(RFA, "POST", "/api/households", {
    siteId,
    applicantGivenName: "Dana",
    applicantFamilyName: "Papers",
    approvalType: "resource_family",
    recruitmentSource: "event",
    inquiryOn: addCalendarDays(today(), -10),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  await database.db
    .updateTable("household")
    .set({ stage: "written_report", training_hours: 12, application_on: addCalendarDays(today(), -5) })
    .where("id", "=", id)
    .execute();
  for (const kind of ["live_scan", "child_abuse_index"] as const)
    await database.db
      .insertInto("household_background_check")
      .values({
        household_id: id,
        subject: "Dana Papers",
        kind,
        status: "cleared",
        requested_on: addCalendarDays(today(), -5),
        completed_on: today(),
      })
      .execute();
  return id;
}

describe("approval documents", () => {
  it("lists California's documents with sources; approval waits until the blocking ones are accepted", async () => {
    const id = await homeAtWrittenReport();
    const list = await call(RFA, "GET", `/api/households/${id}/documents`);
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.established).toBe(true);
    expect(body.requirements).toHaveLength(7);
    expect(body.requirements.every((r: { sourceUrl: string }) => r.sourceUrl.startsWith("https://"))).toBe(true);
    const blocking = body.requirements.filter((r: { blocksApproval: boolean }) => r.blocksApproval);
    expect(blocking.map((r: { code: string }) => r.code)).toEqual([
      "rfa_01b_criminal_record_statement",
      "pre_approval_training_certificate",
      "rfa_03_home_health_safety_checklist",
      "rfa_05_written_report",
    ]);
    expect(body.missing).toHaveLength(4);
    expect(body.mayReview).toBe(true);
    expect(await audits("household.documents.read", id)).toBe(1);
    expect((await call(RFA, "GET", `/api/households/${id}`)).json().missing).toEqual(["documents"]);

    const refused = await call(RFA, "POST", `/api/households/${id}/stage`, { stage: "approved", on: today() });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].message).toContain("required documents");

    // A file that is not a PDF, JPEG or PNG by its content is refused naming the field; nothing is stored.
    const html = await call(RFA, "POST", `/api/households/${id}/documents`, {
      requirementCode: "rfa_05_written_report",
      fileName: "report.pdf",
      contentBase64: b64(new TextEncoder().encode("<html><script>alert(1)</script></html>")),
    });
    expect(html.statusCode).toBe(400);
    expect(html.json().error.fields[0]).toMatchObject({ field: "contentBase64" });
    expect(html.json().error.fields[0].message).toContain("File");
    const unknown = await call(RFA, "POST", `/api/households/${id}/documents`, {
      requirementCode: "made_up_form",
      fileName: "x.pdf",
      contentBase64: b64(PDF),
    });
    expect(unknown.statusCode).toBe(400);
    expect(await uploads(id)).toBe(0);

    // A photo of a form loses its metadata (a GPS position) on the way in.
    const photo = await call(RFA, "POST", `/api/households/${id}/documents`, {
      requirementCode: "rfa_03_home_health_safety_checklist",
      fileName: "checklist.jpg",
      contentBase64: b64(jpeg(exifSegment({ orientation: 1 }), XMP_APP1)),
    });
    expect(photo.statusCode, photo.body).toBe(201);
    const photoDoc = photo
      .json()
      .requirements.find((r: { code: string }) => r.code === "rfa_03_home_health_safety_checklist").documents[0];
    expect(photoDoc).toMatchObject({ status: "submitted", uploadedAs: "worker", contentType: "image/jpeg" });
    const bytes = await call(RFA, "GET", photoDoc.fileUrl);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers["content-type"]).toBe("image/jpeg");
    expect(contains(bytes.rawPayload, "GPSLatitude")).toBe(false);
    expect(await audits("household.document.upload", photoDoc.id)).toBe(1);
    expect(await audits("household.document.file", photoDoc.id)).toBe(1);

    // Review: a rejection needs its reason; a reviewed upload is not reviewed again.
    const review = (documentId: string, payload: object) =>
      call(RFA, "POST", `/api/households/${id}/documents/${documentId}/review`, payload);
    const noReason = await review(photoDoc.id, { decision: "rejected", reason: " " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe("reason");
    const rejected = await review(photoDoc.id, { decision: "rejected", reason: "The photo is blurred; scan it." });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const afterReject = rejected
      .json()
      .requirements.find((r: { code: string }) => r.code === "rfa_03_home_health_safety_checklist");
    expect(afterReject.state).toBe("rejected");
    expect(afterReject.documents[0].reviewReason).toBe("The photo is blurred; scan it.");
    expect((await review(photoDoc.id, { decision: "accepted" })).statusCode).toBe(409);
    expect((await review("00000000-0000-4000-8000-000000000000", { decision: "accepted" })).statusCode).toBe(404);

    for (const code of blocking.map((r: { code: string }) => r.code)) {
      const sent = await call(RFA, "POST", `/api/households/${id}/documents`, {
        requirementCode: code,
        fileName: `${code}.pdf`,
        contentBase64: b64(PDF),
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const latest = sent
        .json()
        .requirements.find((r: { code: string }) => r.code === code)
        .documents.at(-1);
      expect((await review(latest.id, { decision: "accepted" })).statusCode).toBe(200);
    }
    const ready = (await call(RFA, "GET", `/api/households/${id}/documents`)).json();
    expect(ready.missing).toEqual([]);
    const approved = await call(RFA, "POST", `/api/households/${id}/stage`, { stage: "approved", on: today() });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().stage).toBe("approved");
  });

  it("the family uploads its own documents and e-signs the statement shown, once", async () => {
    const caregiverPerson = personOf(world, CAREGIVER);
    const householdId = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
    const own = `/api/my-household/${householdId}`;
    const list = await call(CAREGIVER, "GET", `${own}/documents`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().mayReview).toBe(false);

    // The family sends what they provide, not the worker's forms.
    const workerForm = await call(CAREGIVER, "POST", `${own}/documents`, {
      requirementCode: "rfa_05_written_report",
      fileName: "report.pdf",
      contentBase64: b64(PDF),
    });
    expect(workerForm.statusCode).toBe(400);
    const sent = await call(CAREGIVER, "POST", `${own}/documents`, {
      requirementCode: "cpr_first_aid_certificate",
      fileName: "cpr.pdf",
      contentBase64: b64(PDF),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const cpr = sent.json().requirements.find((r: { code: string }) => r.code === "cpr_first_aid_certificate");
    expect(cpr.state).toBe("submitted");
    expect(cpr.documents[0]).toMatchObject({ uploadedAs: "applicant" });
    expect(cpr.documents[0].fileUrl).toContain("/api/my-household/");
    const file = await call(CAREGIVER, "GET", cpr.documents[0].fileUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    // The family cannot review their own upload, and the staff routes are not theirs.
    expect(
      (
        await call(CAREGIVER, "POST", `/api/households/${householdId}/documents/${cpr.documents[0].id}/review`, {
          decision: "accepted",
        })
      ).statusCode,
    ).toBe(403);

    // Another home's documents are out of reach (404), through the family's routes too.
    const other = world.households.find((h) => h.site_id === siteId && h.id !== householdId && h.kind !== "facility")!;
    expect((await call(CAREGIVER, "GET", `/api/my-household/${other.id}/documents`)).statusCode).toBe(404);
    expect((await call(CW, "GET", `/api/households/${householdId}/documents`)).statusCode).toBe(403);

    // Signing: the agreement box, then the typed name bound to the SHA-256 of the exact text shown.
    const statement = list.json().attestations[0];
    expect(statement.textSha256).toBe(createHash("sha256").update(statement.text, "utf8").digest("hex"));
    expect(statement.maySign).toBe(true);
    const unticked = await call(CAREGIVER, "POST", `${own}/signatures`, {
      attestationId: statement.id,
      typedName: "Casey Caregiver",
      agree: false,
    });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.json().error.fields[0].field).toBe("agree");
    const signed = await call(CAREGIVER, "POST", `${own}/signatures`, {
      attestationId: statement.id,
      typedName: "Casey Caregiver",
      agree: true,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const after = signed.json().attestations[0];
    expect(after.maySign).toBe(false);
    expect(after.signatures[0]).toMatchObject({
      typedName: "Casey Caregiver",
      textSha256: statement.textSha256,
      matches: true,
    });
    expect(await audits("household.attestation.sign", householdId)).toBe(1);
    const twice = await call(CAREGIVER, "POST", `${own}/signatures`, {
      attestationId: statement.id,
      typedName: "Casey Caregiver",
      agree: true,
    });
    expect(twice.statusCode).toBe(409);
    // The RFA worker sees the signature on the staff page, still matching the stored text.
    const staff = (await call(RFA, "GET", `/api/households/${householdId}/documents`)).json();
    expect(staff.attestations[0].signatures[0]).toMatchObject({ typedName: "Casey Caregiver", matches: true });
    expect(staff.attestations[0].maySign).toBe(false);
  });
});

describe("the applicant's account", () => {
  it("the RFA worker invites an applicant, who signs in to their own progress and documents", async () => {
    const id = await homeAtWrittenReport();
    const before = (await call(RFA, "GET", `/api/households/${id}`)).json();
    const resident = before.residents.find((r: { role: string }) => r.role === "applicant");
    expect(resident).toBeTruthy();
    const url = `/api/households/${id}/invitations`;
    const payload = { residentId: resident.id, email: "dana.papers@example.org", language: "es" };
    // A caseworker may invite families of their children, but this home is not theirs to open an account for.
    expect((await call(CW, "POST", url, payload)).statusCode).toBe(403);
    expect(
      (await call(RFA, "POST", url, { ...payload, residentId: "00000000-0000-4000-8000-000000000000" })).statusCode,
    ).toBe(404);
    // An email already in use refuses the whole invitation: no person, no membership.
    const taken = await call(RFA, "POST", url, { ...payload, email: CAREGIVER });
    expect(taken.statusCode).toBe(409);
    expect((await call(RFA, "GET", `/api/households/${id}`)).json().members).toEqual([]);

    const invited = await call(RFA, "POST", url, payload);
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ email: "dana.papers@example.org", status: "invited" });
    const after = (await call(RFA, "GET", `/api/households/${id}`)).json();
    expect(after.members).toEqual([expect.objectContaining({ name: "Dana Papers", role: "primary_caregiver" })]);
    expect(after.residents.some((r: { id: string }) => r.id === resident.id)).toBe(false);
    expect(await audits("household.invite", id)).toBe(1);

    const mail = await smtp.mailTo("dana.papers@example.org");
    const token = tokenFromLink(mail.text, "/accept-invitation");
    const accepted = await app.inject({
      method: "POST",
      url: "/api/auth/invitations/accept",
      payload: { token, password: "una solicitud que sigo desde el teléfono" },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    sessions.set("dana", await signIn(app, "dana.papers@example.org", "una solicitud que sigo desde el teléfono"));
    const mine = (await call("dana", "GET", "/api/my-household")).json();
    expect(mine.households.map((h: { id: string }) => h.id)).toEqual([id]);
    expect(mine.households[0].stage).toBe("written_report");
    const docs = await call("dana", "GET", `/api/my-household/${id}/documents`);
    expect(docs.statusCode).toBe(200);
    expect(docs.json().attestations[0].maySign).toBe(true);
    // Their account reaches their own home only.
    const other = world.households.find((h) => h.site_id === siteId && h.kind !== "facility")!;
    expect((await call("dana", "GET", `/api/my-household/${other.id}/documents`)).statusCode).toBe(404);
  });
});
