import type { Kysely } from "kysely";
import type { Database } from "../../../server/db/database.js";
import { DEMO_DOMAIN } from "../../../server/demo/demo-accounts.js";
import { inquiryToken } from "../../../server/modules/homes/index.js";
import { storeFile } from "../../../server/platform/files/index.js";
import { CHILD_WRITE, callerRoute, childRoute, created, denied, everyone, hidden, ok, siteRoute } from "../expect.js";
import { ALL_ROLES, type Expectation, type RoleName, type RoutePolicy } from "../policy-types.js";

/**
 * Resource families (household:read / household:write: RFA workers, site scope; household:own: a caregiver's own
 * home; the public inquiry form: anyone). Each household route acts on a real home minted by `prepare` at every
 * site, one per route, so a change by one call never disturbs another's.
 */
type Purpose =
  | "read"
  | "update"
  | "stage"
  | "checks"
  | "consent"
  | "close"
  | "match"
  | "documents"
  | "review"
  | "invite";
const homes = new Map<string, string>(); // `${purpose}:${siteId}` → household id
const codes = new Map<string, string>(); // siteId → site code
const tokens = new Map<string, string>(); // siteId → a form token a minute old
const residents = new Map<string, string>(); // siteId → the applicant resident of the "invite" home
let invitations = 0;
const documents = new Map<string, string>(); // `${purpose}:${siteId}` → household_document id
let caregiverHome = "";
let caregiverDocument = "";
let statementId = "";
const POLICY_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

export async function prepare(db: Kysely<Database>) {
  const sites = await db.selectFrom("site").select(["id", "code"]).execute();
  for (const site of sites) {
    codes.set(site.id, site.code);
    tokens.set(site.id, await inquiryToken(db, site.id, Date.now() - 60_000));
    for (const purpose of [
      "read",
      "update",
      "stage",
      "checks",
      "consent",
      "close",
      "match",
      "documents",
      "review",
      "invite",
    ] as Purpose[]) {
      const home = await db
        .insertInto("household")
        .values({
          site_id: site.id,
          name: `Policy ${purpose} household`,
          kind: "resource_family",
          inquiry_on: "2025-01-01",
          stage: purpose === "close" || purpose === "match" ? "approved" : "inquiry",
          approved_on: purpose === "close" || purpose === "match" ? "2025-01-01" : null,
          availability: "available",
          city: "Policy City",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      homes.set(`${purpose}:${site.id}`, home.id);
      if (purpose === "invite") {
        const resident = await db
          .insertInto("household_resident")
          .values({ household_id: home.id, role: "applicant", given_name: "Policy", family_name: "Invitee" })
          .returning("id")
          .executeTakeFirstOrThrow();
        residents.set(site.id, resident.id);
      }
    }
  }
  // A document on each site's "documents" home (to read) and "review" home (to review: each role gets one call, and
  // the one that succeeds leaves it reviewed, so each review home holds a fresh document per allowed role).
  const requirement = await db
    .selectFrom("rfa_document_requirement")
    .select("id")
    .where("code", "=", "rfa_01b_criminal_record_statement")
    .executeTakeFirstOrThrow();
  const uploader = await db
    .selectFrom("user_account")
    .select("id")
    .where("email", "=", `rfa@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow();
  for (const site of sites)
    for (const purpose of ["documents", "review"] as const) {
      const file = await storeFile(db, {
        siteId: site.id,
        uploadedBy: uploader.id,
        bytes: POLICY_PDF,
        fileName: "p.pdf",
      });
      const document = await db
        .insertInto("household_document")
        .values({
          household_id: home(purpose, site.id),
          site_id: site.id,
          requirement_id: requirement.id,
          file_id: file.id,
          uploaded_by: uploader.id,
          uploaded_as: "worker",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      documents.set(`${purpose}:${site.id}`, document.id);
    }
  const caregiver = await db
    .selectFrom("user_account as u")
    .innerJoin("household_member as m", "m.person_id", "u.person_id")
    .select("m.household_id")
    .where("u.email", "=", `caregiver@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow();
  caregiverHome = caregiver.household_id;
  const caregiverUser = await db
    .selectFrom("user_account")
    .select(["id"])
    .where("email", "=", `caregiver@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow();
  const own = await db
    .selectFrom("household")
    .select("site_id")
    .where("id", "=", caregiverHome)
    .executeTakeFirstOrThrow();
  const ownFile = await storeFile(db, {
    siteId: own.site_id,
    uploadedBy: caregiverUser.id,
    bytes: POLICY_PDF,
    fileName: "cpr.pdf",
  });
  const cpr = await db
    .selectFrom("rfa_document_requirement")
    .select("id")
    .where("code", "=", "cpr_first_aid_certificate")
    .executeTakeFirstOrThrow();
  caregiverDocument = (
    await db
      .insertInto("household_document")
      .values({
        household_id: caregiverHome,
        site_id: own.site_id,
        requirement_id: cpr.id,
        file_id: ownFile.id,
        uploaded_by: caregiverUser.id,
        uploaded_as: "applicant",
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  statementId = (
    await db
      .selectFrom("rfa_attestation")
      .select("id")
      .where("code", "=", "application_truthful")
      .executeTakeFirstOrThrow()
  ).id;
}

const documentOf = (purpose: "documents" | "review", siteId: string) =>
  documents.get(`${purpose}:${siteId}`) ?? "00000000-0000-4000-8000-000000000000";
const documentsFields = [
  "householdId",
  "stateCode",
  "established",
  "requirements",
  "attestations",
  "missing",
  "mayReview",
];

const home = (purpose: Purpose, siteId: string) =>
  homes.get(`${purpose}:${siteId}`) ?? "00000000-0000-4000-8000-000000000000";

/** A household route: RFA workers reach their site's homes (404 at another site); roles without the permission 403. */
function homeRoute(allowed: Expectation): RoutePolicy["expect"] {
  return Object.fromEntries(
    ALL_ROLES.map((role: RoleName) => [
      role,
      role === "rfa_worker" ? { own: allowed, other_site: hidden } : { own: denied, other_site: denied },
    ]),
  );
}

const detailFields = [
  "id",
  "siteId",
  "version",
  "name",
  "kind",
  "addressLine1",
  "phone",
  "email",
  "city",
  "postalCode",
  "languages",
  "licenseNumber",
  "approvalType",
  "capacity",
  "prefAgeMin",
  "prefAgeMax",
  "prefSiblingGroups",
  "prefNeeds",
  "availability",
  "availabilityConfirmedOn",
  "stage",
  "recruitmentSource",
  "inquiryOn",
  "applicationOn",
  "approvedOn",
  "closedOn",
  "closureReason",
  "closureNote",
  "exitReason",
  "trainingHours",
  "contactSharedWithBirthParents",
  "members",
  "residents",
  "stageHistory",
  "checks",
  "consentHistory",
  "tasks",
  "missing",
  "nextStage",
];

export const policies: RoutePolicy[] = [
  {
    // household:match, then the child through child:read: the child's caseworker and the unit's supervisor.
    route: "GET /api/children/:childId/home-matches",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/home-matches?needs=medical` }),
    anonymous: 401,
    expect: childRoute(
      CHILD_WRITE,
      ok(["groupSize", "children", "familyPostalCodes", "candidates", "considered", "centroidSource"]),
    ),
    otherwise: denied,
  },
  {
    route: "GET /api/children/:childId/home-matches/:householdId",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/home-matches/${home("match", t.siteId)}` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["householdId", "name", "licenseNumber", "city", "approvalType", "capacity"])),
    otherwise: denied,
  },
  {
    route: "GET /api/households",
    target: "site",
    build: (t) => ({ url: `/api/households?siteId=${t.siteId}&q=Policy` }),
    anonymous: 401,
    expect: siteRoute(["rfa_worker"], ok(["households", "total"])),
    otherwise: hidden,
  },
  {
    route: "GET /api/households/deadlines",
    target: "site",
    build: (t) => ({ url: `/api/households/deadlines?siteId=${t.siteId}` }),
    anonymous: 401,
    expect: siteRoute(["rfa_worker"], ok(["tasks", "staleAvailability"])),
    otherwise: hidden,
  },
  {
    route: "GET /api/households/retention",
    target: "site",
    build: (t) => ({ url: `/api/households/retention?siteId=${t.siteId}` }),
    anonymous: 401,
    expect: siteRoute(
      ["rfa_worker"],
      ok([
        "from",
        "to",
        "approved",
        "activeAtEnd",
        "closed",
        "closedByReason",
        "oneYearRetention",
        "medianDaysToApproval",
      ]),
    ),
    otherwise: hidden,
  },
  {
    route: "GET /api/households/reasons",
    target: "none",
    build: () => ({ url: "/api/households/reasons" }),
    anonymous: 401,
    expect: callerRoute(["rfa_worker"], ok(["closure", "exit"])),
    otherwise: denied,
  },
  {
    route: "POST /api/households",
    target: "site",
    build: (t) => ({
      url: "/api/households",
      payload: {
        siteId: t.siteId,
        applicantGivenName: "Policy",
        applicantFamilyName: "Applicant",
        approvalType: "resource_family",
        recruitmentSource: "event",
        inquiryOn: "2025-03-01",
      },
    }),
    anonymous: 401,
    expect: siteRoute(["rfa_worker"], created(["id"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/households/:householdId",
    target: "site",
    build: (t) => ({ url: `/api/households/${home("read", t.siteId)}` }),
    anonymous: 401,
    expect: homeRoute(ok(detailFields)),
    otherwise: denied,
  },
  {
    route: "PUT /api/households/:householdId",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("update", t.siteId)}`,
      payload: {
        version: 1,
        name: "Policy update household",
        addressLine1: "1 Policy Way",
        city: "Policy City",
        postalCode: "93701",
        phone: null,
        email: null,
        languages: ["en"],
        licenseNumber: null,
        approvalType: "resource_family",
        capacity: 2,
        prefAgeMin: 0,
        prefAgeMax: 17,
        prefSiblingGroups: true,
        prefNeeds: [],
        availability: "available",
        trainingHours: 0,
        residents: [],
      },
    }),
    anonymous: 401,
    expect: homeRoute(ok(detailFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/households/:householdId/stage",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("stage", t.siteId)}/stage`,
      payload: { stage: "orientation", on: "2025-02-01" },
    }),
    anonymous: 401,
    expect: homeRoute(ok(detailFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/households/:householdId/checks",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("checks", t.siteId)}/checks`,
      payload: {
        subject: "Policy Applicant",
        kind: "live_scan",
        status: "requested",
        requestedOn: "2025-02-01",
        completedOn: null,
      },
    }),
    anonymous: 401,
    expect: homeRoute(ok(detailFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/households/:householdId/consent",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("consent", t.siteId)}/consent`,
      payload: { shared: false, note: "Told by phone" },
    }),
    anonymous: 401,
    expect: homeRoute(ok(detailFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/households/:householdId/close",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("close", t.siteId)}/close`,
      payload: { reason: "moved", closedOn: "2025-06-01" },
    }),
    anonymous: 401,
    expect: homeRoute(ok(detailFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/households/:householdId/documents",
    target: "site",
    build: (t) => ({ url: `/api/households/${home("documents", t.siteId)}/documents` }),
    anonymous: 401,
    expect: homeRoute(ok(documentsFields)),
    otherwise: denied,
  },
  {
    route: "POST /api/households/:householdId/documents",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("documents", t.siteId)}/documents`,
      payload: {
        requirementCode: "rfa_05_written_report",
        fileName: "report.pdf",
        contentBase64: Buffer.from(POLICY_PDF).toString("base64"),
      },
    }),
    anonymous: 401,
    expect: homeRoute(created(documentsFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/households/:householdId/documents/:documentId/file",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("documents", t.siteId)}/documents/${documentOf("documents", t.siteId)}/file`,
    }),
    anonymous: 401,
    expect: homeRoute(ok()),
    otherwise: denied,
  },
  {
    // One review per document: the RFA worker's call is the only one that reaches it (others 403/404 first).
    route: "POST /api/households/:householdId/documents/:documentId/review",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("review", t.siteId)}/documents/${documentOf("review", t.siteId)}/review`,
      payload: { decision: "rejected", reason: "Policy check: unreadable scan" },
    }),
    anonymous: 401,
    expect: homeRoute(ok(documentsFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    // user:invite and household:write: the RFA worker of the home's site (one success: the applicant then has an
    // account); a caseworker or site administrator holds user:invite but not household:write, so 403.
    route: "POST /api/households/:householdId/invitations",
    target: "site",
    build: (t) => ({
      url: `/api/households/${home("invite", t.siteId)}/invitations`,
      payload: {
        residentId: residents.get(t.siteId) ?? "00000000-0000-4000-8000-000000000000",
        email: `policy.invitee.${++invitations}@example.org`,
        language: "en",
      },
    }),
    anonymous: 401,
    expect: homeRoute(created(["userId", "email", "status", "expiresAt"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/my-household/:householdId/documents",
    target: "none",
    build: () => ({ url: `/api/my-household/${caregiverHome}/documents` }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], ok(documentsFields)),
    otherwise: denied,
  },
  {
    route: "POST /api/my-household/:householdId/documents",
    target: "none",
    build: () => ({
      url: `/api/my-household/${caregiverHome}/documents`,
      payload: {
        requirementCode: "cpr_first_aid_certificate",
        fileName: "cpr.pdf",
        contentBase64: Buffer.from(POLICY_PDF).toString("base64"),
      },
    }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], created(documentsFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/my-household/:householdId/documents/:documentId/file",
    target: "none",
    build: () => ({ url: `/api/my-household/${caregiverHome}/documents/${caregiverDocument}/file` }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], ok()),
    otherwise: denied,
  },
  {
    route: "POST /api/my-household/:householdId/signatures",
    target: "none",
    build: () => ({
      url: `/api/my-household/${caregiverHome}/signatures`,
      payload: { attestationId: statementId, typedName: "Policy Caregiver", agree: true },
    }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], created(documentsFields)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/my-household",
    target: "none",
    build: () => ({ url: "/api/my-household" }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], ok(["households"])),
    otherwise: denied,
  },
  {
    route: "POST /api/my-household/consent",
    target: "none",
    build: () => ({ url: "/api/my-household/consent", payload: { householdId: caregiverHome, shared: false } }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], ok(["contactSharedWithBirthParents"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/my-household/availability",
    target: "none",
    build: () => ({
      url: "/api/my-household/availability",
      payload: { householdId: caregiverHome, availability: "available" },
    }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], ok(["availability", "availabilityConfirmedOn"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/public/sites/:siteCode/inquiry-form",
    target: "none",
    build: (t) => ({ url: `/api/public/sites/${codes.get(t.siteId) ?? "CA-FRESNO"}/inquiry-form` }),
    anonymous: 200,
    expect: everyone(ok(["siteName", "token"])),
    otherwise: ok(["siteName", "token"]),
  },
  {
    route: "POST /api/public/sites/:siteCode/inquiries",
    target: "none",
    build: (t) => ({
      url: `/api/public/sites/${codes.get(t.siteId) ?? "CA-FRESNO"}/inquiries`,
      payload: {
        givenName: "Policy",
        familyName: "Inquirer",
        email: "inquirer@example.org",
        formToken: tokens.get(t.siteId),
      },
    }),
    anonymous: 201,
    expect: everyone(created(["received"])),
    otherwise: created(["received"]),
    mutates: true,
  },
];
