import { CHILD_READ, created, denied, everyone, hidden, type Reach, siteRoute } from "../expect.js";
import { ALL_ROLES, type Expectation, type Relation, type RoleName, type RoutePolicy } from "../policy-types.js";

const FAKE_TOKEN = "x".repeat(43);
const UNKNOWN_USER = "00000000-0000-4000-8000-000000000000";

let inviteCounter = 0;
const inviteEmail = () => `policy-invite-${++inviteCounter}-${Date.now()}@example.org`;
const INVITED = created(["email", "expiresAt", "status", "userId"]);
/** Roles holding user:invite. */
const INVITERS: RoleName[] = ["caseworker", "supervisor", "rfa_worker", "site_admin"];

/**
 * An invitation that links a person around a child: the inviter must hold
 * user:invite at the site (else 403; another site 404) and read the child with
 * child:read (else 404, as the record would answer) — so it succeeds exactly
 * where an inviting role's child:read reaches.
 */
function linkInvitation(reach: Reach): RoutePolicy["expect"] {
  const relations: Relation[] = ["own", "same_unit", "same_site", "other_site"];
  return Object.fromEntries(
    ALL_ROLES.map((role) => [
      role,
      Object.fromEntries(
        relations.map((relation): [Relation, Expectation] => [
          relation,
          relation === "other_site"
            ? hidden
            : !INVITERS.includes(role)
              ? denied
              : reach[role]?.includes(relation)
                ? INVITED
                : hidden,
        ]),
      ),
    ]),
  );
}

/**
 * The same person-linking invitation for each family role: a youth, a birth parent, a caregiver of the child's home.
 */
const linkVariants: RoutePolicy[] = (
  [
    ["youth", "youth"],
    ["birth_parent", "birthParent"],
    ["caregiver", "caregiver"],
  ] as const
).map(([role, person]) => ({
  route: "POST /api/sites/:siteId/invitations",
  variant: `links the child's ${role.replace("_", " ")}`,
  target: "child",
  build: (t) => ({
    url: `/api/sites/${t.siteId}/invitations`,
    payload: { email: inviteEmail(), role, personId: t.people?.[person] },
  }),
  anonymous: 401,
  expect: linkInvitation(CHILD_READ),
  otherwise: hidden,
  mutates: true,
  mintsFamily: true,
}));
const POLICY_FIELDS = [
  "absoluteHours",
  "familyIdleMinutes",
  "isDefault",
  "mfaRequiredForStaff",
  "staffIdleMinutes",
  "version",
];

export const policies: RoutePolicy[] = [
  // ---- sign-in and the caller's own account ----
  {
    route: "POST /api/auth/sign-in",
    target: "none",
    build: () => ({ url: "/api/auth/sign-in", payload: { email: "nobody@example.org", password: "not-the-password" } }),
    anonymous: 401,
    expect: everyone({ status: 401 }),
    otherwise: { status: 401 },
    mutates: true,
  },
  {
    route: "POST /api/auth/sign-out",
    target: "none",
    build: () => ({ url: "/api/auth/sign-out" }),
    anonymous: 200,
    expect: everyone({ status: 200, fields: ["ok"] }),
    otherwise: { status: 200, fields: ["ok"] },
    mutates: true,
    endsSession: true,
  },
  {
    route: "GET /api/auth/session",
    target: "none",
    build: () => ({ url: "/api/auth/session" }),
    anonymous: 401,
    expect: everyone({ status: 200, fields: ["abilities", "csrfToken", "roles", "user"] }),
    otherwise: { status: 200, fields: ["abilities", "csrfToken", "roles", "user"] },
  },
  {
    route: "PUT /api/me/language",
    target: "none",
    build: () => ({ url: "/api/me/language", payload: { language: "en" } }),
    // Without a session it changes nothing: the page keeps the language in its own cookie.
    anonymous: 401,
    expect: everyone({ status: 200, fields: ["language"] }),
    otherwise: { status: 200, fields: ["language"] },
  },
  {
    route: "POST /api/auth/mfa/verify",
    target: "none",
    build: () => ({ url: "/api/auth/mfa/verify", payload: { code: "123456" } }),
    anonymous: 401,
    expect: everyone({ status: 401 }),
    otherwise: { status: 401 },
  },
  {
    route: "POST /api/auth/mfa/enroll",
    target: "none",
    build: () => ({ url: "/api/auth/mfa/enroll" }),
    anonymous: 401,
    expect: everyone({ status: 200, fields: ["otpauthUri", "secret"] }),
    otherwise: { status: 200, fields: ["otpauthUri", "secret"] },
    mutates: true,
  },
  {
    route: "POST /api/auth/mfa/enroll/confirm",
    target: "none",
    build: () => ({ url: "/api/auth/mfa/enroll/confirm", payload: { code: "000000" } }),
    anonymous: 401,
    expect: everyone({ status: 400 }),
    otherwise: { status: 400 },
  },
  {
    route: "GET /api/me/mfa",
    target: "none",
    build: () => ({ url: "/api/me/mfa" }),
    anonymous: 401,
    expect: everyone({ status: 200, fields: ["enrolled", "recoveryCodesLeft", "requiredByPolicy"] }),
    otherwise: { status: 200, fields: ["enrolled", "recoveryCodesLeft", "requiredByPolicy"] },
  },
  {
    route: "POST /api/me/mfa/recovery-codes",
    target: "none",
    build: () => ({ url: "/api/me/mfa/recovery-codes" }),
    anonymous: 401,
    // Demo accounts have no second factor: 409 "not set up".
    expect: everyone({ status: 409 }),
    otherwise: { status: 409 },
  },
  // ---- links from emails (no session needed; an unknown token is 400 for anyone) ----
  {
    route: "POST /api/auth/invitations/preview",
    target: "none",
    build: () => ({ url: "/api/auth/invitations/preview", payload: { token: FAKE_TOKEN } }),
    anonymous: 400,
    expect: everyone({ status: 400 }),
    otherwise: { status: 400 },
  },
  {
    route: "POST /api/auth/invitations/accept",
    target: "none",
    build: () => ({
      url: "/api/auth/invitations/accept",
      payload: { token: FAKE_TOKEN, password: "a long enough passphrase" },
    }),
    anonymous: 400,
    expect: everyone({ status: 400 }),
    otherwise: { status: 400 },
  },
  {
    route: "POST /api/auth/password-reset",
    target: "none",
    build: () => ({ url: "/api/auth/password-reset", payload: { email: "nobody@example.org" } }),
    anonymous: 202,
    expect: everyone({ status: 202, fields: ["ok"] }),
    otherwise: { status: 202, fields: ["ok"] },
  },
  {
    route: "POST /api/auth/password-reset/complete",
    target: "none",
    build: () => ({
      url: "/api/auth/password-reset/complete",
      payload: { token: FAKE_TOKEN, password: "a long enough passphrase" },
    }),
    anonymous: 400,
    expect: everyone({ status: 400 }),
    otherwise: { status: 400 },
  },
  // ---- site administration ----
  {
    route: "GET /api/sites/:siteId/users",
    target: "site",
    build: (t) => ({ url: `/api/sites/${t.siteId}/users` }),
    anonymous: 401,
    expect: siteRoute(["site_admin"], { status: 200, fields: ["users"] }),
    otherwise: { status: 404 },
  },
  {
    route: "POST /api/sites/:siteId/invitations",
    target: "site",
    build: (t) => ({
      url: `/api/sites/${t.siteId}/invitations`,
      payload: {
        email: inviteEmail(),
        role: "caregiver",
        givenName: "Policy",
        familyName: "Invitee",
      },
    }),
    anonymous: 401,
    expect: siteRoute(["caseworker", "supervisor", "rfa_worker", "site_admin"], {
      status: 201,
      fields: ["email", "expiresAt", "status", "userId"],
    }),
    otherwise: { status: 404 },
    mutates: true,
  },
  ...linkVariants,
  {
    route: "POST /api/sites/:siteId/invitations",
    variant: "grants a staff role",
    target: "site",
    build: (t) => ({
      url: `/api/sites/${t.siteId}/invitations`,
      payload: { email: inviteEmail(), role: "caseworker", givenName: "Policy", familyName: "Staff" },
    }),
    anonymous: 401,
    // role_grantable: only a site administrator staffs the site.
    expect: siteRoute(["site_admin"], INVITED),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/sites/:siteId/invitations",
    variant: "grants a role beyond the site",
    target: "site",
    build: (t) => ({
      url: `/api/sites/${t.siteId}/invitations`,
      payload: { email: inviteEmail(), role: "network_analyst", givenName: "Policy", familyName: "Analyst" },
    }),
    anonymous: 401,
    // Only a network administrator (network:administer) grants it; the test world has none.
    expect: siteRoute([], INVITED),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/sites/:siteId/users/:userId/invitation",
    target: "site",
    // An account that is not at the site: the inviting staff pass the access check and get 404.
    build: (t) => ({ url: `/api/sites/${t.siteId}/users/${UNKNOWN_USER}/invitation` }),
    anonymous: 401,
    expect: siteRoute(["caseworker", "supervisor", "rfa_worker", "site_admin"], { status: 404 }),
    otherwise: { status: 404 },
  },
  {
    route: "POST /api/sites/:siteId/users/:userId/disable",
    target: "site",
    // An account that is not at the site: the admin passes the access check and gets 404.
    build: (t) => ({ url: `/api/sites/${t.siteId}/users/${UNKNOWN_USER}/disable` }),
    anonymous: 401,
    expect: siteRoute(["site_admin"], { status: 404 }),
    otherwise: { status: 404 },
  },
  {
    route: "POST /api/sites/:siteId/users/:userId/enable",
    target: "site",
    build: (t) => ({ url: `/api/sites/${t.siteId}/users/${UNKNOWN_USER}/enable` }),
    anonymous: 401,
    expect: siteRoute(["site_admin"], { status: 404 }),
    otherwise: { status: 404 },
  },
  {
    route: "GET /api/sites/:siteId/security-policy",
    target: "site",
    build: (t) => ({ url: `/api/sites/${t.siteId}/security-policy` }),
    anonymous: 401,
    expect: siteRoute(["site_admin"], { status: 200, fields: POLICY_FIELDS }),
    otherwise: { status: 404 },
  },
  {
    route: "PUT /api/sites/:siteId/security-policy",
    target: "site",
    build: (t) => ({
      url: `/api/sites/${t.siteId}/security-policy`,
      payload: {
        staffIdleMinutes: 15,
        familyIdleMinutes: 30,
        absoluteHours: 12,
        mfaRequiredForStaff: false,
        version: 1,
      },
    }),
    anonymous: 401,
    expect: siteRoute(["site_admin"], { status: 200, fields: POLICY_FIELDS }),
    otherwise: { status: 404 },
    mutates: true,
  },
];
